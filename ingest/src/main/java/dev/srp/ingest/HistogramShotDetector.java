package dev.srp.ingest;

/**
 * Hard-cut detector: compares per-channel colour histograms of consecutive frames. A cut replaces most colours at
 * once, so the histograms barely overlap; motion moves pixels around without changing their colours much, so it
 * stays below the threshold. Fades and dissolves are not detected (a later detector's job).
 */
public final class HistogramShotDetector implements ShotDetector {
    /** Mean L1 distance between normalised channel histograms, in [0, 2], above which a frame starts a shot. */
    public static final double DEFAULT_THRESHOLD = 0.6;
    private static final int BINS = 32;
    /** Sample about this many points per side: the histogram only needs colour proportions, not detail. */
    private static final int SAMPLES_PER_SIDE = 64;

    private final double threshold;
    private double[] previous;

    public HistogramShotDetector() {
        this(DEFAULT_THRESHOLD);
    }

    public HistogramShotDetector(double threshold) {
        if (!(threshold > 0 && threshold < 2)) {
            throw new IllegalArgumentException("histogram threshold must be in (0, 2), got " + threshold);
        }
        this.threshold = threshold;
    }

    @Override
    public boolean startsNewShot(byte[] rgb, int width, int height) {
        double[] current = histogram(rgb, width, height);
        boolean cut = previous != null && distance(previous, current) > threshold;
        previous = current;
        return cut;
    }

    /** Mean over the three channels of the L1 distance between normalised histograms. */
    static double distance(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs(a[i] - b[i]);
        }
        return sum / 3;
    }

    static double[] histogram(byte[] rgb, int width, int height) {
        if (rgb.length != width * height * 3) {
            throw new IllegalArgumentException("expected " + width * height * 3 + " RGB24 bytes for " + width + "x"
                    + height + ", got " + rgb.length);
        }
        int stepX = Math.max(1, width / SAMPLES_PER_SIDE);
        int stepY = Math.max(1, height / SAMPLES_PER_SIDE);
        double[] h = new double[3 * BINS];
        int n = 0;
        for (int y = stepY / 2; y < height; y += stepY) {
            for (int x = stepX / 2; x < width; x += stepX) {
                int p = (y * width + x) * 3;
                for (int c = 0; c < 3; c++) {
                    h[c * BINS + (rgb[p + c] & 0xff) * BINS / 256]++;
                }
                n++;
            }
        }
        for (int i = 0; i < h.length; i++) {
            h[i] /= n;
        }
        return h;
    }
}
