package dev.srp.ingest;

import java.util.Arrays;

/**
 * A small summary of one frame that the shot detector compares instead of pixels: a luma histogram, a hue
 * histogram (achromatic pixels counted by brightness), a coarse luma grid and the luma mean and spread. Built
 * from about {@value #SAMPLES_PER_SIDE} samples per side, so its cost does not grow with the frame size.
 */
final class FrameSignature {
    static final int GRID_W = 32;
    static final int GRID_H = 18;
    private static final int SAMPLES_PER_SIDE = 128;
    private static final int LUMA_BINS = 32;
    private static final int HUE_BINS = 12;
    private static final int GREY_BINS = 4;
    /** Below this saturation (or value) a pixel's hue is noise, so it counts as grey. */
    private static final double MIN_SATURATION = 0.2;
    private static final double MIN_VALUE = 0.12;
    /** Grid luma difference (0-255 levels) that counts as "completely different" in the spatial distance. */
    private static final double SPATIAL_FULL_SCALE = 48;
    /**
     * Layout distances are the median over REGIONS x REGIONS parts of the picture, so a change confined to a few
     * parts (a timestamp, a logo, the tests' frame-index pattern, one person walking by) cannot make a cut alone.
     */
    private static final int REGIONS = 3;
    /** Percentile range (levels) under which a frame is blank: black or white, perhaps with a small overlay. */
    private static final double BLANK_RANGE = 4;
    /** A grid cell whose standardised luma moved by more than this has changed for the drift test. */
    private static final double DRIFT_CELL_SIGMAS = 0.75;

    private final double[] luma = new double[LUMA_BINS];
    private final double[] colour = new double[HUE_BINS + GREY_BINS];
    private final double[] grid = new double[GRID_W * GRID_H];
    private final double mean;
    private final double std;
    private final double range;

    private FrameSignature(byte[] rgb, int width, int height) {
        if (width <= 0 || height <= 0 || rgb.length != width * height * 3) {
            throw new IllegalArgumentException("expected " + width * height * 3 + " RGB24 bytes for " + width + "x"
                    + height + ", got " + rgb.length);
        }
        int stepX = Math.max(1, width / SAMPLES_PER_SIDE);
        int stepY = Math.max(1, height / SAMPLES_PER_SIDE);
        int[] cellCounts = new int[grid.length];
        double sum = 0;
        double sumSq = 0;
        int n = 0;
        for (int y = stepY / 2; y < height; y += stepY) {
            int gy = y * GRID_H / height;
            for (int x = stepX / 2; x < width; x += stepX) {
                int p = (y * width + x) * 3;
                int r = rgb[p] & 0xff;
                int g = rgb[p + 1] & 0xff;
                int b = rgb[p + 2] & 0xff;
                double yv = 0.299 * r + 0.587 * g + 0.114 * b;
                luma[Math.min(LUMA_BINS - 1, (int) (yv * LUMA_BINS / 256))]++;
                colour[colourBin(r, g, b)]++;
                int cell = gy * GRID_W + x * GRID_W / width;
                grid[cell] += yv;
                cellCounts[cell]++;
                sum += yv;
                sumSq += yv * yv;
                n++;
            }
        }
        for (int i = 0; i < LUMA_BINS; i++) {
            luma[i] /= n;
        }
        for (int i = 0; i < colour.length; i++) {
            colour[i] /= n;
        }
        for (int i = 0; i < grid.length; i++) {
            grid[i] = cellCounts[i] == 0 ? 0 : grid[i] / cellCounts[i];
        }
        mean = sum / n;
        std = Math.sqrt(Math.max(0, sumSq / n - mean * mean));
        double[] sorted = grid.clone();
        Arrays.sort(sorted);
        range = sorted[sorted.length * 9 / 10] - sorted[sorted.length / 10];
    }

    static FrameSignature of(byte[] rgb, int width, int height) {
        return new FrameSignature(rgb, width, height);
    }

    /** Hue sextant interpolated into HUE_BINS for coloured pixels; a brightness bin for grey ones. */
    private static int colourBin(int r, int g, int b) {
        int max = Math.max(r, Math.max(g, b));
        int min = Math.min(r, Math.min(g, b));
        double value = max / 255.0;
        double saturation = max == 0 ? 0 : (max - min) / (double) max;
        if (saturation < MIN_SATURATION || value < MIN_VALUE) {
            return HUE_BINS + Math.min(GREY_BINS - 1, max * GREY_BINS / 256);
        }
        double c = max - min;
        double h;
        if (max == r) {
            h = ((g - b) / c + 6) % 6;
        } else if (max == g) {
            h = (b - r) / c + 2;
        } else {
            h = (r - g) / c + 4;
        }
        return Math.min(HUE_BINS - 1, (int) (h / 6 * HUE_BINS));
    }

    double meanLuma() {
        return mean;
    }

    double lumaSpread() {
        return std;
    }

    /**
     * Spread between the 10th and 90th percentile of the grid's cell lumas: near zero for a black (or white) frame
     * even when a small overlay such as a logo or a timestamp stays on it, which the plain spread would count.
     */
    double lumaRange() {
        return range;
    }

    /** Whether the frame is (nearly) one flat level, as in the black middle of a fade; see {@link #lumaRange}. */
    boolean blank() {
        return range < BLANK_RANGE;
    }

    /** Total-variation distance of the luma and colour histograms, averaged: 0 same mix, 1 nothing shared. */
    double histogramDistance(FrameSignature other) {
        return 0.5 * (totalVariation(luma, other.luma) + totalVariation(colour, other.colour));
    }

    /**
     * Total-variation distance of the colour histograms alone. Hue does not change when a picture is dimmed, so
     * this stays low through most of a fade while the luma histogram slides.
     */
    double colourDistance(FrameSignature other) {
        return totalVariation(colour, other.colour);
    }

    /**
     * Mean grid luma difference on a scale where {@value #SPATIAL_FULL_SCALE} levels or more count as 1, taking the
     * best of the grid shifted by up to one cell each way: a pan moves the picture, a cut replaces it.
     */
    double spatialDistance(FrameSignature other) {
        return Math.min(1, shiftedDifference(other, false) / SPATIAL_FULL_SCALE);
    }

    /**
     * Like {@link #spatialDistance} on lumas standardised by each frame's own mean and spread, in sigmas: near zero
     * for a fade or an exposure change, where only brightness and contrast change, large when the layout changes.
     */
    double structureDistance(FrameSignature other) {
        return shiftedDifference(other, true);
    }

    private double shiftedDifference(FrameSignature other, boolean standardise) {
        double m1 = standardise ? mean : 0;
        double m2 = standardise ? other.mean : 0;
        double s1 = standardise ? Math.max(std, 1) : 1;
        double s2 = standardise ? Math.max(other.std, 1) : 1;
        double[] sums = new double[REGIONS * REGIONS];
        int[] counts = new int[REGIONS * REGIONS];
        double best = Double.MAX_VALUE;
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                Arrays.fill(sums, 0);
                Arrays.fill(counts, 0);
                for (int y = Math.max(0, -dy); y < GRID_H - Math.max(0, dy); y++) {
                    for (int x = Math.max(0, -dx); x < GRID_W - Math.max(0, dx); x++) {
                        double a = (grid[y * GRID_W + x] - m1) / s1;
                        double b = (other.grid[(y + dy) * GRID_W + x + dx] - m2) / s2;
                        int region = y * REGIONS / GRID_H * REGIONS + x * REGIONS / GRID_W;
                        sums[region] += Math.abs(a - b);
                        counts[region]++;
                    }
                }
                for (int r = 0; r < sums.length; r++) {
                    sums[r] /= counts[r];
                }
                Arrays.sort(sums);
                best = Math.min(best, sums[sums.length / 2]);
            }
        }
        return best;
    }

    /**
     * Share of grid cells whose luma, standardised by each frame's own mean and spread, moved by more than
     * {@value #DRIFT_CELL_SIGMAS} sigmas. Standardising makes a fade or an exposure change drift-free, so only
     * things that moved or appeared count.
     */
    double drift(FrameSignature other) {
        double s1 = Math.max(std, 1);
        double s2 = Math.max(other.std, 1);
        int changed = 0;
        for (int i = 0; i < grid.length; i++) {
            double z1 = (grid[i] - mean) / s1;
            double z2 = (other.grid[i] - other.mean) / s2;
            if (Math.abs(z1 - z2) > DRIFT_CELL_SIGMAS) {
                changed++;
            }
        }
        return changed / (double) grid.length;
    }

    private static double totalVariation(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs(a[i] - b[i]);
        }
        return sum / 2;
    }
}
