package dev.srp.launcher;

import io.prometheus.client.CollectorRegistry;
import java.util.Optional;

/** One line on what the worker's mask cache did in a run, read from its metrics; empty when masks were off. */
final class MaskReport {
    private MaskReport() {
    }

    static Optional<String> describe(CollectorRegistry registry) {
        double computed = value(registry, "srp_worker_mask_computations_total");
        double hits = value(registry, "srp_worker_mask_cache_hits_total");
        if (computed == 0 && hits == 0) {
            return Optional.empty();
        }
        double masks = value(registry, "srp_worker_masks_per_shot_sum");
        double seconds = value(registry, "srp_worker_mask_compute_seconds_sum");
        double bytes = value(registry, "srp_worker_mask_entry_bytes_sum");
        return Optional.of(String.format("masks: %.0f segmentations, %.0f cache hits, %.0f misses; per "
                        + "segmentation %.1f masks, %.1f ms, %.0f bytes stored", computed, hits,
                value(registry, "srp_worker_mask_cache_misses_total"), masks / computed, 1000 * seconds / computed,
                bytes / computed));
    }

    private static double value(CollectorRegistry registry, String name) {
        Double v = registry.getSampleValue(name);
        return v == null ? 0 : v;
    }
}
