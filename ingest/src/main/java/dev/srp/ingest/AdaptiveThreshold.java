package dev.srp.ingest;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * The cut threshold for the next frame, from the frame-to-frame distances seen within recent shots: the larger of
 * the median plus a multiple of the median absolute deviation (a robust spread, so the odd large step does not drag
 * it up) and a multiple of the median of the whole window and of its last {@value #RECENT} entries (a steady fast
 * pan has a tiny spread, and a busy shot after a calm one must not wait for the long window to notice), clamped
 * between a floor and a ceiling. A busy handheld shot raises the bar; a static shot lowers it, but never below the
 * floor, where sensor noise and compression would start to count.
 */
final class AdaptiveThreshold {
    static final int RECENT = 5;
    private final int window;
    private final double deviations;
    private final double ratio;
    private final double floor;
    private final double ceiling;
    private final ArrayDeque<Double> recent = new ArrayDeque<>();

    /**
     * @param window     how many recent within-shot distances the statistic keeps
     * @param deviations how many scaled MADs above the median a cut must be
     * @param ratio      how many times the median a cut must be
     * @param floor      lowest threshold, whatever the statistic says
     * @param ceiling    highest threshold: a distance above it is a cut candidate even in the busiest shot
     */
    AdaptiveThreshold(int window, double deviations, double ratio, double floor, double ceiling) {
        if (window < 3 || !(deviations > 0) || !(ratio >= 1) || !(floor > 0) || !(ceiling >= floor)) {
            throw new IllegalArgumentException("adaptive threshold needs window >= 3, deviations > 0, ratio >= 1"
                    + " and 0 < floor <= ceiling; got " + window + ", " + deviations + ", " + ratio + ", " + floor
                    + ", " + ceiling);
        }
        this.ratio = ratio;
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
        double[] last = recent.stream().skip(Math.max(0, recent.size() - RECENT)).mapToDouble(Double::doubleValue)
                .toArray();
        double level = Math.max(median, median(last));
        return Math.max(floor, Math.min(ceiling, Math.max(level * ratio, median + deviations * spread)));
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
