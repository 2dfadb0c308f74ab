package dev.srp.worker;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import java.io.IOException;
import java.nio.file.Path;

/** Loads a TorchScript file through DJL's PyTorch engine, offline, on the GPU when the engine can use one. */
public final class TorchScriptLoader {
    static final String ENGINE = "PyTorch";

    private TorchScriptLoader() {
    }

    /**
     * @param threads intra-op threads; the engine reads them once per process, at its first load
     * @throws IOException or MalformedModelException when the file is not loadable TorchScript
     */
    public static Model load(Path file, String name, int threads) throws IOException, MalformedModelException {
        configureEngine(threads);
        Model model = Model.newInstance(name, device(), ENGINE);
        try {
            String fileName = file.getFileName().toString();
            model.load(file.toAbsolutePath().getParent(),
                    fileName.endsWith(".pt") ? fileName.substring(0, fileName.length() - 3) : fileName);
            if (!model.getNDManager().getDevice().isGpu()) {
                CpuKernels.ofLoadedEngine().ifPresent(CpuKernels::withoutNnpack);
            }
            return model;
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** A visible GPU is not enough: the CPU-only libtorch jar cannot run on it. */
    public static Device device() {
        Engine engine = Engine.getEngine(ENGINE);
        boolean gpu = engine.getGpuCount() > 0 && engine.hasCapability(StandardCapabilities.CUDA);
        return gpu ? Device.gpu() : Device.cpu();
    }

    private static void configureEngine(int threads) {
        // without these DJL contacts the network at start-up (telemetry, native downloads)
        System.setProperty("ai.djl.offline", "true");
        setIfAbsent("ai.djl.pytorch.num_threads", Integer.toString(threads));
        // inter-op threads only run TorchScript fork/wait, which srp's models do not use: one, as Python has here
        setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
