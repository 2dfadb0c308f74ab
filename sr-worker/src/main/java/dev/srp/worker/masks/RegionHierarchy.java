package dev.srp.worker.masks;

import java.util.List;

/**
 * Nested segmentations of one frame, coarsest first, by Felzenszwalb-Huttenlocher (FH) graph segmentation on the
 * 8-connected pixel grid. Each level runs FH afresh with its own scale {@code k} and is then intersected with the
 * level above, so every region lies inside exactly one region of the coarser level (an object contains its parts).
 * Fresh runs, not one union-find continued with growing k: a continued forest re-meets edges lighter than the
 * internal differences its regions have since grown, merges across them whatever k is, and collapses the frame into a
 * handful of regions. One edge list, bucket-sorted on weights quantised to 1/4 of an RGB unit, serves every level,
 * which keeps the build linear in the pixel count.
 */
final class RegionHierarchy {
    private static final int BINS_PER_UNIT = 4;
    /** sqrt(3) * 255 is the largest RGB distance; one more bin for rounding. */
    private static final int BINS = (int) Math.ceil(Math.sqrt(3) * 255 * BINS_PER_UNIT) + 2;
    private static final int[][] OFFSETS = {{1, 0}, {0, 1}, {1, 1}, {-1, 1}};

    /** labels[level][pixel], coarsest level first, each in [0, regions[level]). */
    final int[][] labels;
    final int[] regions;
    /** parents[level][region]: the region of level - 1 that contains it; parents[0] is empty. */
    final int[][] parents;

    private RegionHierarchy(int[][] labels, int[] regions, int[][] parents) {
        this.labels = labels;
        this.regions = regions;
        this.parents = parents;
    }

    /** @param scales k per level, coarsest first (strictly decreasing) */
    static RegionHierarchy build(SmoothedImage img, List<Integer> scales, int minArea) {
        int n = img.width * img.height;
        int[][] sorted = sortedEdges(img);
        int[] edges = sorted[0];
        int[] edgeBins = sorted[1];
        int levels = scales.size();
        int[][] labels = new int[levels][];
        int[] regions = new int[levels];
        int[][] parents = new int[levels][];
        for (int level = 0; level < levels; level++) {
            Forest forest = new Forest(n);
            double k = scales.get(level) * BINS_PER_UNIT;
            for (int i = 0; i < edges.length; i++) {
                forest.mergeIfSimilar(pixelA(edges[i]), pixelB(edges[i], img.width), edgeBins[i], k);
            }
            for (int i = 0; i < edges.length; i++) {
                forest.mergeIfSmall(pixelA(edges[i]), pixelB(edges[i], img.width), edgeBins[i], minArea);
            }
            int[] own = new int[n];
            int ownCount = forest.label(own);
            if (level == 0) {
                labels[0] = own;
                regions[0] = ownCount;
                parents[0] = new int[0];
            } else {
                labels[level] = new int[n];
                Intersection cut = Intersection.of(labels[level - 1], own, ownCount, labels[level]);
                regions[level] = cut.count();
                parents[level] = cut.parents();
            }
        }
        return new RegionHierarchy(labels, regions, parents);
    }

    int levels() {
        return labels.length;
    }

    /**
     * Edge ids {@code pixel * 4 + direction} ascending by weight, and their weight bins; ties keep pixel order, so
     * the result is fixed for a given frame.
     */
    private static int[][] sortedEdges(SmoothedImage img) {
        int w = img.width;
        int h = img.height;
        int[] counts = new int[BINS + 1];
        int total = 0;
        int[] candidate = new int[w * h * 4];
        int[] candidateBin = new int[w * h * 4];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int d = 0; d < 4; d++) {
                    int xx = x + OFFSETS[d][0];
                    int yy = y + OFFSETS[d][1];
                    if (xx < 0 || xx >= w || yy >= h) {
                        continue;
                    }
                    int edge = (y * w + x) * 4 + d;
                    int bin = weightBin(img, edge);
                    candidate[total] = edge;
                    candidateBin[total++] = bin;
                    counts[bin + 1]++;
                }
            }
        }
        for (int b = 0; b < BINS; b++) {
            counts[b + 1] += counts[b];
        }
        int[] sorted = new int[total];
        int[] sortedBins = new int[total];
        for (int i = 0; i < total; i++) {
            int slot = counts[candidateBin[i]]++;
            sorted[slot] = candidate[i];
            sortedBins[slot] = candidateBin[i];
        }
        return new int[][] {sorted, sortedBins};
    }

    private static int pixelA(int edge) {
        return edge >>> 2;
    }

    private static int pixelB(int edge, int width) {
        int d = edge & 3;
        return (edge >>> 2) + OFFSETS[d][0] + OFFSETS[d][1] * width;
    }

    private static int weightBin(SmoothedImage img, int edge) {
        int a = pixelA(edge) * 3;
        int b = pixelB(edge, img.width) * 3;
        float dr = img.rgb[a] - img.rgb[b];
        float dg = img.rgb[a + 1] - img.rgb[b + 1];
        float db = img.rgb[a + 2] - img.rgb[b + 2];
        return Math.min(BINS - 1, Math.round((float) Math.sqrt(dr * dr + dg * dg + db * db) * BINS_PER_UNIT));
    }
}
