package dev.srp.worker;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import dev.srp.contract.ModelSidecar;
import dev.srp.contract.SrpException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a TorchScript model that follows the model contract through DJL's PyTorch engine, on the GPU when one is
 * visible, else on the CPU. Thread-safe: predictors are not, so each call borrows one from a pool. On the CPU, the
 * first batch of each frame size is also run on libtorch's reference kernels, and the model stays on them if its
 * oneDNN kernels give other pixels.
 */
public final class DjlUpscaler implements Upscaler {
    private static final Logger LOG = LoggerFactory.getLogger(DjlUpscaler.class);
    /** TorchScript's profiling executor optimises a graph over the first calls per input shape. */
    private static final int WARM_UP_CALLS = 3;

    private final ModelSidecar sidecar;
    private final Model model;
    private final RgbBatchTranslator translator;
    private final SamsrConditioning conditioning;
    private final ConcurrentLinkedDeque<Predictor<RgbBatchTranslator.Batch, List<UpscaledFrame>>> idle =
            new ConcurrentLinkedDeque<>();
    private final ConcurrentLinkedDeque<Predictor<RgbBatchTranslator.Batch, List<UpscaledFrame>>> all =
            new ConcurrentLinkedDeque<>();
    private final Set<String> warmShapes = ConcurrentHashMap.newKeySet();
    /** Calls share it; a kernel check holds it alone. */
    private final ReadWriteLock kernels = new ReentrantReadWriteLock();
    /** libtorch's kernel switches, for the kernel check; null on a GPU or where they are not reachable. */
    private final CpuKernels cpuKernels;
    private volatile boolean onReferenceKernels;
    /**
     * Frames per forward call. On the CPU one: a frame's activations (32 x 180 x 320 floats, 7 MB a layer for the
     * fast x4 model) already exceed the caches, and 4 frames in one call took about twice as long per frame as 4
     * calls of one, in libtorch and in Python alike (docs/benchmarks.md). A GPU gains from whole batches.
     */
    private final int framesPerCall;

    private DjlUpscaler(ModelSidecar sidecar, Model model, SamsrConditioning conditioning) {
        this.sidecar = sidecar;
        this.model = model;
        this.translator = new RgbBatchTranslator(sidecar.scale());
        this.conditioning = conditioning;
        boolean gpu = model.getNDManager().getDevice().isGpu();
        this.framesPerCall = gpu ? Integer.MAX_VALUE : 1;
        this.cpuKernels = gpu ? null : CpuKernels.ofLoadedEngine().orElse(null);
    }

    /**
     * Checks the sidecar (hash, contract, scale) before any native code runs, then loads the model.
     *
     * @param threads intra-op threads; the engine reads them once per process, at its first load
     * @throws SrpException for a missing model or sidecar, a hash or contract mismatch, a scale mismatch, or a
     *                      file the engine cannot load
     */
    public static DjlUpscaler load(Path modelFile, int expectedScale, int threads) {
        ModelSidecar sidecar = ModelSidecar.readAndVerify(modelFile);
        if (sidecar.scale() != expectedScale) {
            throw new SrpException("model " + modelFile + " upscales x" + sidecar.scale() + " but x" + expectedScale
                    + " was asked for", "pass a model made for x" + expectedScale + " or ask for --scale "
                    + sidecar.scale());
        }
        SamsrConditioning conditioning = SamsrConditioning.forInputs(sidecar.inputs(), sidecar.scale(),
                sidecar.name());
        try {
            Model model = TorchScriptLoader.load(modelFile, sidecar.name(), threads);
            LOG.info("loaded model {} {} (x{}) on {}", sidecar.name(), sidecar.version(), sidecar.scale(),
                    model.getNDManager().getDevice());
            return new DjlUpscaler(sidecar, model, conditioning);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            throw new SrpException("cannot load model " + modelFile + ": " + e.getMessage(),
                    "check that it is TorchScript saved by torch.jit.save and that the PyTorch native library"
                            + " for this platform is on the classpath", e);
        }
    }

    /** SHA-256 of the model file, as its sidecar states and the loader verified. */
    public String sha256() {
        return sidecar.sha256();
    }

    @Override
    public String name() {
        return sidecar.name();
    }

    @Override
    public int scale() {
        return sidecar.scale();
    }

    @Override
    public List<String> modelInputs() {
        return sidecar.inputs();
    }

    @Override
    public String device() {
        Device d = model.getNDManager().getDevice();
        // "cpu" or "gpu0": a bounded metric label, unlike DJL's "cpu()" / "gpu(0)" display form
        return d.isGpu() ? "gpu" + d.getDeviceId() : d.getDeviceType();
    }

    @Override
    public List<UpscaledFrame> upscale(List<byte[]> rgbFrames, int width, int height) {
        if (rgbFrames.isEmpty()) {
            return List.of();
        }
        if (conditioning != null) {
            throw new SrpException("model " + name() + " needs per-shot masks (inputs " + modelInputs() + ")",
                    "run the worker with --masks auto or always for this model");
        }
        return inCalls(rgbFrames, chunk -> predict(RgbBatchTranslator.stack(chunk, width, height)));
    }

    @Override
    public List<UpscaledFrame> upscaleInputs(List<UpscaleInput> inputs, int width, int height) {
        if (conditioning == null || inputs.isEmpty()) {
            return Upscaler.super.upscaleInputs(inputs, width, height);
        }
        return inCalls(inputs, chunk -> {
            try (SamsrConditioning.Lease lease = conditioning.attach(RgbBatchTranslator.stack(
                    chunk.stream().map(UpscaleInput::rgb).toList(), width, height), chunk)) {
                return predict(lease.batch());
            }
        });
    }

    /** Runs {@code items} in forward calls of at most {@link #framesPerCall} frames; results in input order. */
    private <T> List<UpscaledFrame> inCalls(List<T> items, Function<List<T>, List<UpscaledFrame>> call) {
        if (items.size() <= framesPerCall) {
            return call.apply(items);
        }
        List<UpscaledFrame> out = new ArrayList<>(items.size());
        for (int from = 0; from < items.size(); from += framesPerCall) {
            out.addAll(call.apply(items.subList(from, Math.min(items.size(), from + framesPerCall))));
        }
        return out;
    }

    @Override
    public boolean isWarm(int count, int width, int height) {
        return warmShapes.contains(shape(Math.min(count, framesPerCall), width, height));
    }

    private static String shape(int count, int width, int height) {
        return count + "x" + width + "x" + height;
    }

    private List<UpscaledFrame> predict(RgbBatchTranslator.Batch batch) {
        String shape = shape(batch.count(), batch.width(), batch.height());
        if (!warmShapes.contains(shape)) {
            warmUp(batch, shape);
        }
        kernels.readLock().lock();
        try {
            return predictOnce(batch);
        } finally {
            kernels.readLock().unlock();
        }
    }

    /**
     * The first batch of a shape: the warm-up calls, then, on the CPU, the kernel check. Holds the kernel lock
     * exclusively, because the check flips libtorch's process-wide oneDNN switch and no other call may run under
     * the wrong kernels meanwhile.
     */
    private void warmUp(RgbBatchTranslator.Batch batch, String shape) {
        kernels.writeLock().lock();
        try {
            if (warmShapes.contains(shape)) {
                return;
            }
            long start = System.nanoTime();
            List<UpscaledFrame> fast = null;
            for (int i = 0; i < WARM_UP_CALLS; i++) {
                fast = predictOnce(batch.again());
            }
            long warm = System.nanoTime();
            if (cpuKernels != null && cpuKernels.fast()) {
                checkFastKernels(batch, fast);
            }
            warmShapes.add(shape);
            LOG.info("model {} ready for {} frames: warm-up {} ms, kernel check {} ms", name(), shape,
                    (warm - start) / 1_000_000, (System.nanoTime() - warm) / 1_000_000);
        } finally {
            kernels.writeLock().unlock();
        }
    }

    /**
     * Runs the batch once more on libtorch's reference kernels and compares. Some oneDNN convolution kernels give
     * wrong results, or NaN, for a convolution whose input channels do not fill whole blocks of 8 or 16
     * (docs/engine-correctness.md); a model that meets one here keeps running on the reference kernels, correct
     * but several times slower, and the log says why and how to avoid it.
     */
    private void checkFastKernels(RgbBatchTranslator.Batch batch, List<UpscaledFrame> fast) {
        List<UpscaledFrame> reference;
        cpuKernels.useReference();
        try {
            reference = predictOnce(batch.again());
        } finally {
            cpuKernels.useFast();
        }
        KernelAgreement agreement = KernelAgreement.of(fast, reference);
        if (agreement.agrees()) {
            LOG.info("model {} at {}x{}: oneDNN kernels agree with libtorch's reference kernels", name(),
                    batch.width(), batch.height());
            return;
        }
        cpuKernels.useReference();
        onReferenceKernels = true;
        LOG.warn("model {} computes other pixels with libtorch's oneDNN kernels than with its reference kernels on"
                        + " this CPU ({}x{} frames: {}); srp runs it on the reference kernels, which are correct"
                        + " but several times slower. A model whose convolutions all take a multiple of 16 input"
                        + " channels runs on the fast kernels (docs/engine-correctness.md)", name(), batch.width(),
                batch.height(), agreement);
    }

    private List<UpscaledFrame> predictOnce(RgbBatchTranslator.Batch batch) {
        Predictor<RgbBatchTranslator.Batch, List<UpscaledFrame>> predictor = borrow();
        try {
            return predictor.predict(batch);
        } catch (TranslateException e) {
            throw new SrpException("model " + name() + " failed on a batch of " + batch.count() + " "
                    + batch.width() + "x" + batch.height() + " frames: " + e.getMessage(),
                    "check the model follows the model contract", e);
        } finally {
            idle.push(predictor);
        }
    }

    /**
     * Whether the model runs on libtorch's reference convolution kernels because its oneDNN kernels gave other
     * pixels; false on a GPU and until a CPU check found a difference.
     */
    public boolean onReferenceKernels() {
        return onReferenceKernels;
    }

    private Predictor<RgbBatchTranslator.Batch, List<UpscaledFrame>> borrow() {
        Predictor<RgbBatchTranslator.Batch, List<UpscaledFrame>> predictor = idle.poll();
        if (predictor == null) {
            predictor = model.newPredictor(translator);
            all.add(predictor);
        }
        return predictor;
    }

    @Override
    public void close() {
        if (onReferenceKernels) {
            // the switch is process-wide: the next model gets its own check
            cpuKernels.useFast();
        }
        all.forEach(Predictor::close);
        all.clear();
        idle.clear();
        model.close();
    }
}
