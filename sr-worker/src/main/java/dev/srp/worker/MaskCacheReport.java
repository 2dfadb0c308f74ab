package dev.srp.worker;

import io.prometheus.client.CollectorRegistry;
import java.util.Optional;

/** One line on what the worker's mask cache did in a run, read from its metrics; empty when masks were off. */
public final class MaskCacheReport {
    private MaskCacheReport() {
    }

    public static Optional<String> describe(CollectorRegistry registry) {
        double computed = value(registry, WorkerMetrics.MASK_COMPUTATIONS);
        double hits = value(registry, WorkerMetrics.MASK_CACHE_HITS);
        if (computed == 0 && hits == 0) {
            return Optional.empty();
        }
        double masks = value(registry, WorkerMetrics.MASKS_PER_SHOT + "_sum");
        double seconds = value(registry, WorkerMetrics.MASK_COMPUTE_SECONDS + "_sum");
        double bytes = value(registry, WorkerMetrics.MASK_ENTRY_BYTES + "_sum");
        return Optional.of(String.format("masks: %.0f segmentations, %.0f cache hits, %.0f misses; per "
                        + "segmentation %.1f masks, %.1f ms, %.0f bytes stored", computed, hits,
                value(registry, WorkerMetrics.MASK_CACHE_MISSES), masks / computed, 1000 * seconds / computed,
                bytes / computed));
    }

    private static double value(CollectorRegistry registry, String name) {
        Double v = registry.getSampleValue(name);
        return v == null ? 0 : v;
    }
}
