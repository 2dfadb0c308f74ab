package dev.srp.ingest;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * The cut threshold for the next frame, from the frame-to-frame distances seen within recent shots: median plus a
 * multiple of the median absolute deviation (a robust spread, so the odd large step does not drag it up), clamped
 * between a floor and a ceiling. A busy handheld shot raises the bar; a static shot lowers it, but never below the
 * floor, where sensor noise and compression would start to count.
 */
final class AdaptiveThreshold {
    private final int window;
    private final double deviations;
    private final double floor;
    private final double ceiling;
    private final ArrayDeque<Double> recent = new ArrayDeque<>();

    /**
     * @param window     how many recent within-shot distances the statistic keeps
     * @param deviations how many scaled MADs above the median a cut must be
     * @param floor      lowest threshold, whatever the statistic says
     * @param ceiling    highest threshold: a distance above it is a cut candidate even in the busiest shot
     */
    AdaptiveThreshold(int window, double deviations, double floor, double ceiling) {
        if (window < 3 || !(deviations > 0) || !(floor > 0) || !(ceiling >= floor)) {
            throw new IllegalArgumentException("adaptive threshold needs window >= 3, deviations > 0 and"
                    + " 0 < floor <= ceiling; got " + window + ", " + deviations + ", " + floor + ", " + ceiling);
        }
        this.window = window;
        this.deviations = deviations;
        this.floor = floor;
        this.ceiling = ceiling;
    }

    /** The threshold now; the floor until a few distances have been seen. */
    double value() {
        if (recent.size() < 3) {
            return floor;
        }
        double[] d = recent.stream().mapToDouble(Double::doubleValue).toArray();
        double median = median(d);
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.abs(d[i] - median);
        }
        // 1.4826 scales the MAD to a standard deviation for normally distributed distances
        double spread = 1.4826 * median(d);
        return Math.max(floor, Math.min(ceiling, median + deviations * spread));
    }

    /** Records a distance between two frames of the same shot. */
    void add(double distance) {
        recent.addLast(distance);
        if (recent.size() > window) {
            recent.removeFirst();
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
