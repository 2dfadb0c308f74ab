package dev.srp.launcher;

import dev.srp.contract.SrpException;
import dev.srp.worker.MaskGeneratorKind;
import dev.srp.worker.MaskMode;
import dev.srp.worker.MaskSettings;
import dev.srp.worker.ModelCatalog;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Which model the SR worker runs and how. */
final class ModelOptions {
    @Option(names = "--scale", defaultValue = "4") int scale;
    @Option(names = "--model", paramLabel = "PATH") Path model;
    @Option(names = "--batch-size", defaultValue = "4") int batchSize;
    @Option(names = "--inference-threads", defaultValue = "0") int inferenceThreads;
    @Option(names = "--masks", defaultValue = "auto", paramLabel = "off|auto|always") String masks;
    @Option(names = "--sam-export", paramLabel = "DIR") Path samExport;
    @Option(names = "--latency-budget", defaultValue = "PT0S", paramLabel = "DURATION") Duration latencyBudget;

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
        return model != null ? model : ModelCatalog.shippedModel(SrpHome.path(), scale);
    }

    /**
     * libtorch's intra-op threads meet at a barrier after every operation, and by default (libgomp's active wait
     * policy) wait there spinning: when another busy process holds a core (the pipeline's own encoder, a neighbour's
     * training job) every operation waits for it, and on the 2-core machine 2 threads ran the fast model 3-4x slower
     * than 1. With OMP_WAIT_POLICY=PASSIVE (./srp and the images set it) waiting threads sleep: 2 threads were then as
     * fast as 1 under that load, and 1.2-1.6x faster than 1 when the machine was quieter. So all cores when threads
     * sleep, else half of them (docs/benchmarks.md, "The DJL speed gap").
     */
    int threads() {
        if (inferenceThreads > 0) {
            return inferenceThreads;
        }
        int cores = Runtime.getRuntime().availableProcessors();
        return "passive".equalsIgnoreCase(System.getenv("OMP_WAIT_POLICY")) ? cores : Math.max(1, cores / 2);
    }
}
