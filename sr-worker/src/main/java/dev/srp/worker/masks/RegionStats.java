package dev.srp.worker.masks;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** Per-region area, gradient and sibling-border sums of one segmentation level, gathered in one pass over the pixels. */
final class RegionStats {
    private final int[] area;
    private final double[] gradientSum;
    private final double[] weakestBorder;

    private RegionStats(int[] area, double[] gradientSum, double[] weakestBorder) {
        this.area = area;
        this.gradientSum = gradientSum;
        this.weakestBorder = weakestBorder;
    }

    /**
     * @param labels       this level's region per pixel
     * @param parentLabels the coarser level's region per pixel, or null at the top level
     */
    static RegionStats of(int[] labels, int count, int[] parentLabels, SmoothedImage img) {
        int[] area = new int[count];
        double[] gradient = new double[count];
        // Per pair of sibling regions (key: smaller id * pixels + larger id): summed RGB step and pixel pairs.
        Map<Long, double[]> borders = new HashMap<>();
        int w = img.width;
        int h = img.height;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = y * w + x;
                int r = labels[p];
                area[r]++;
                gradient[r] += img.gradient[p];
                if (parentLabels == null) {
                    continue;
                }
                // Right and down neighbours visit every 4-connected border pair once.
                if (x + 1 < w) {
                    border(p, p + 1, labels, parentLabels, img.rgb, borders);
                }
                if (y + 1 < h) {
                    border(p, p + w, labels, parentLabels, img.rgb, borders);
                }
            }
        }
        double[] weakest = new double[count];
        Arrays.fill(weakest, Double.POSITIVE_INFINITY);
        for (Map.Entry<Long, double[]> e : borders.entrySet()) {
            int a = (int) (e.getKey() / labels.length);
            int b = (int) (e.getKey() % labels.length);
            double mean = e.getValue()[0] / e.getValue()[1];
            weakest[a] = Math.min(weakest[a], mean);
            weakest[b] = Math.min(weakest[b], mean);
        }
        return new RegionStats(area, gradient, weakest);
    }

    private static void border(int p, int q, int[] labels, int[] parentLabels, float[] rgb,
                               Map<Long, double[]> borders) {
        int rp = labels[p];
        int rq = labels[q];
        if (rp == rq || parentLabels[p] != parentLabels[q]) {
            return;
        }
        float dr = rgb[3 * p] - rgb[3 * q];
        float dg = rgb[3 * p + 1] - rgb[3 * q + 1];
        float db = rgb[3 * p + 2] - rgb[3 * q + 2];
        double step = Math.sqrt(dr * dr + dg * dg + db * db);
        long key = (long) Math.min(rp, rq) * labels.length + Math.max(rp, rq);
        double[] acc = borders.computeIfAbsent(key, k -> new double[2]);
        acc[0] += step;
        acc[1]++;
    }

    int count() {
        return area.length;
    }

    int area(int r) {
        return area[r];
    }

    double meanGradient(int r) {
        return gradientSum[r] / area[r];
    }

    /**
     * The mean RGB step across region {@code r}'s weakest border with a sibling (a region of the same parent);
     * infinite when it has none. A window in a car or a mast against the sky is set off from every sibling; a slice
     * of the sky has at least one border with another slice that is only a shade deep, which marks the split as
     * arbitrary.
     */
    double weakestSiblingBorder(int r) {
        return weakestBorder[r];
    }
}
