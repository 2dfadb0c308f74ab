package dev.srp.worker;

import io.prometheus.client.CollectorRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One warning line when the model returned invalid frames in a run (they went out bicubic), read from the worker's
 * metrics; empty when it returned none.
 */
public final class InvalidOutputReport {
    private InvalidOutputReport() {
    }

    public static Optional<String> describe(CollectorRegistry registry) {
        List<String> parts = new ArrayList<>();
        for (InvalidOutput reason : InvalidOutput.values()) {
            double frames = count(registry, reason);
            if (frames > 0) {
                parts.add(String.format("%s %.0f", reason.label(), frames));
            }
        }
        long total = total(registry);
        if (total == 0) {
            return Optional.empty();
        }
        return Optional.of(String.format("warning: the model returned %d invalid frames (%s); they were upscaled "
                + "bicubically instead", total, String.join(", ", parts)));
    }

    /** Frames the worker found invalid, all reasons. */
    public static long total(CollectorRegistry registry) {
        long total = 0;
        for (InvalidOutput reason : InvalidOutput.values()) {
            total += (long) count(registry, reason);
        }
        return total;
    }

    private static double count(CollectorRegistry registry, InvalidOutput reason) {
        Double v = registry.getSampleValue(WorkerMetrics.INVALID_OUTPUTS, new String[] {"reason"},
                new String[] {reason.label()});
        return v == null ? 0 : v;
    }
}
