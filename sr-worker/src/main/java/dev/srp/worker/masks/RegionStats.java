package dev.srp.worker.masks;

/** Per-region area, gradient and sibling-border sums of one segmentation level, gathered in one pass over the pixels. */
final class RegionStats {
    private final int[] area;
    private final double[] gradientSum;
    private final double[] borderSum;
    private final int[] borderCount;

    private RegionStats(int[] area, double[] gradientSum, double[] borderSum, int[] borderCount) {
        this.area = area;
        this.gradientSum = gradientSum;
        this.borderSum = borderSum;
        this.borderCount = borderCount;
    }

    /**
     * @param labels       this level's region per pixel
     * @param parentLabels the coarser level's region per pixel, or null at the top level
     */
    static RegionStats of(int[] labels, int count, int[] parentLabels, SmoothedImage img) {
        int[] area = new int[count];
        double[] gradient = new double[count];
        double[] borderSum = new double[count];
        int[] borderCount = new int[count];
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
                    border(p, p + 1, labels, parentLabels, img.rgb, borderSum, borderCount);
                }
                if (y + 1 < h) {
                    border(p, p + w, labels, parentLabels, img.rgb, borderSum, borderCount);
                }
            }
        }
        return new RegionStats(area, gradient, borderSum, borderCount);
    }

    private static void border(int p, int q, int[] labels, int[] parentLabels, float[] rgb, double[] sum,
                               int[] count) {
        int rp = labels[p];
        int rq = labels[q];
        if (rp == rq || parentLabels[p] != parentLabels[q]) {
            return;
        }
        float dr = rgb[3 * p] - rgb[3 * q];
        float dg = rgb[3 * p + 1] - rgb[3 * q + 1];
        float db = rgb[3 * p + 2] - rgb[3 * q + 2];
        double step = Math.sqrt(dr * dr + dg * dg + db * db);
        sum[rp] += step;
        sum[rq] += step;
        count[rp]++;
        count[rq]++;
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
     * Mean RGB step across the parts of region {@code r}'s border that lie inside its parent, i.e. against its
     * siblings; 0 when it has no siblings. A window in a car or a mast against the sky has a sharp border; a slice
     * of a smooth gradient such as the sky has a border one shade deep.
     */
    double siblingContrast(int r) {
        return borderCount[r] == 0 ? 0 : borderSum[r] / borderCount[r];
    }
}
