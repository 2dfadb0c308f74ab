package dev.srp.launcher;

import dev.srp.contract.SrpException;
import dev.srp.worker.MaskGeneratorKind;
import dev.srp.worker.MaskMode;
import dev.srp.worker.MaskSettings;
import dev.srp.worker.ModelCatalog;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Which model the SR worker runs and how. */
final class ModelOptions {
    @Option(names = "--scale", defaultValue = "4", description = "Upscaling factor (default: ${DEFAULT-VALUE}).")
    int scale;

    @Option(names = "--model", paramLabel = "PATH",
            description = "TorchScript model (.pt with its .properties sidecar); default: the shipped model "
                    + "for --scale.")
    Path model;

    @Option(names = "--batch-size", defaultValue = "4",
            description = "Frames per inference call (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--inference-threads", defaultValue = "0",
            description = "CPU threads for inference; 0 means half the cores, at least 1 (default: ${DEFAULT-VALUE}).")
    int inferenceThreads;

    @Option(names = "--masks", defaultValue = "auto", paramLabel = "off|auto|always",
            description = "Per-shot semantic masks: auto computes them only for a model that takes them, always "
                    + "computes them regardless (to measure the mask cache) (default: ${DEFAULT-VALUE}).")
    String masks;

    @Option(names = "--sam-export", paramLabel = "DIR",
            description = "Compute masks with Segment Anything from this TorchScript export (encoder.pt, decoder.pt, "
                    + "sam.properties; see docs/sam.md) instead of the built-in segmenter.")
    Path samExport;

    MaskSettings maskSettings() {
        MaskSettings settings;
        try {
            settings = MaskSettings.withMode(MaskMode.parse(masks));
        } catch (IllegalArgumentException e) {
            throw new SrpException("unknown --masks '" + masks + "'", "use off, auto or always");
        }
        return samExport == null ? settings : settings.withGenerator(MaskGeneratorKind.SAM, samExport);
    }

    Path modelPath() {
        return model != null ? model : ModelCatalog.defaultModel(SrpHome.path(), scale);
    }

    /**
     * Not all cores by default: libtorch's intra-op threads meet at a barrier after every operation, so when another
     * busy process holds one of the cores (the pipeline's own decoder and encoder, or a neighbour's job) every
     * operation waits for it. On the 2-core machine 2 threads ran the fast model 3-4x slower than 1 while a training
     * job ran beside it, and gained about 15 % on an idle machine (docs/benchmarks.md, "The DJL speed gap").
     */
    int threads() {
        return inferenceThreads > 0 ? inferenceThreads : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }
}
