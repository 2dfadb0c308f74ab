package dev.srp.worker.masks;

import java.util.Arrays;

/**
 * The common refinement of two labellings of the same pixels: one region per (coarse, fine) pair that occurs. This is
 * what makes the segmentation levels nest; pairs are numbered in order of first appearance, so the result is fixed.
 *
 * @param count   regions in the refinement
 * @param parents coarse region of each refined region
 */
record Intersection(int count, int[] parents) {
    /**
     * @param coarse    coarse label per pixel
     * @param fine      fine label per pixel, in [0, fineCount)
     * @param out       receives the refined label per pixel
     */
    static Intersection of(int[] coarse, int[] fine, int fineCount, int[] out) {
        int n = coarse.length;
        // Per fine label, a short chain of (coarse label, refined id) pairs: fine regions mostly sit in one or two
        // coarse regions, so chains stay short and no hash map is needed.
        int[] head = new int[fineCount];
        Arrays.fill(head, -1);
        int[] nextEntry = new int[n];
        int[] entryCoarse = new int[n];
        int count = 0;
        for (int p = 0; p < n; p++) {
            int f = fine[p];
            int c = coarse[p];
            int e = head[f];
            while (e >= 0 && entryCoarse[e] != c) {
                e = nextEntry[e];
            }
            if (e < 0) {
                e = count++;
                entryCoarse[e] = c;
                nextEntry[e] = head[f];
                head[f] = e;
            }
            out[p] = e;
        }
        return new Intersection(count, Arrays.copyOf(entryCoarse, count));
    }
}
