package dev.srp.worker.masks;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Whole-object masks: a region together with the regions it encloses (a car body with its windows and wheels, a
 * window with the reflection inside it). Colour segmentation cuts such an object into its parts at every scale, since
 * the parts differ most; SAM would also give the object as one mask, and that mask is what makes object pixels count
 * more masks than the plain area around them. A region encloses another when it is the other's only neighbour once
 * the other's own enclosed regions are set aside, and the other does not touch the frame's edge.
 */
final class Enclosures {
    private Enclosures() {
    }

    /**
     * @param minHoleFraction the enclosed regions must make up at least this share of the filled object, so that the
     *                        sky around one bird does not become a second sky mask
     * @return per qualifying region, its filled extent as region ids (the region first)
     */
    static List<int[]> objects(int[] labels, int count, int width, int height, int[] area, double minHoleFraction) {
        BitSet[] neighbours = new BitSet[count];
        for (int r = 0; r < count; r++) {
            neighbours[r] = new BitSet();
        }
        boolean[] onEdge = new boolean[count];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int p = y * width + x;
                int r = labels[p];
                if (x == 0 || y == 0 || x == width - 1 || y == height - 1) {
                    onEdge[r] = true;
                }
                if (x + 1 < width && labels[p + 1] != r) {
                    neighbours[r].set(labels[p + 1]);
                    neighbours[labels[p + 1]].set(r);
                }
                if (y + 1 < height && labels[p + width] != r) {
                    neighbours[r].set(labels[p + width]);
                    neighbours[labels[p + width]].set(r);
                }
            }
        }
        int[] enclosedBy = enclosers(neighbours, onEdge);
        List<int[]> objects = new ArrayList<>();
        for (int r = 0; r < count; r++) {
            List<Integer> members = new ArrayList<>();
            members.add(r);
            long holes = 0;
            for (int s = 0; s < count; s++) {
                if (s != r && isInside(s, r, enclosedBy)) {
                    members.add(s);
                    holes += area[s];
                }
            }
            if (holes > 0 && holes >= minHoleFraction * (holes + area[r])) {
                objects.add(members.stream().mapToInt(Integer::intValue).toArray());
            }
        }
        return objects;
    }

    /** enclosedBy[r]: the region directly around r, or -1; found innermost first, until nothing changes. */
    private static int[] enclosers(BitSet[] neighbours, boolean[] onEdge) {
        int count = neighbours.length;
        int[] enclosedBy = new int[count];
        java.util.Arrays.fill(enclosedBy, -1);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int r = 0; r < count; r++) {
                if (onEdge[r] || enclosedBy[r] >= 0) {
                    continue;
                }
                int outside = -1;
                boolean single = true;
                for (int s = neighbours[r].nextSetBit(0); s >= 0 && single; s = neighbours[r].nextSetBit(s + 1)) {
                    if (isInside(s, r, enclosedBy)) {
                        continue;
                    }
                    single = outside < 0;
                    outside = s;
                }
                if (single && outside >= 0) {
                    enclosedBy[r] = outside;
                    changed = true;
                }
            }
        }
        return enclosedBy;
    }

    /** Whether {@code s} lies, directly or through other regions, inside {@code r}. */
    private static boolean isInside(int s, int r, int[] enclosedBy) {
        int guard = enclosedBy.length;
        for (int e = enclosedBy[s]; e >= 0 && guard-- > 0; e = enclosedBy[e]) {
            if (e == r) {
                return true;
            }
        }
        return false;
    }
}
