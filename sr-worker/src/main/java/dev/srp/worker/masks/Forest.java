package dev.srp.worker.masks;

/**
 * Union-find over pixels with Felzenszwalb-Huttenlocher's region statistics: size and internal difference (the
 * largest edge weight inside the region's spanning tree). Union by size and path halving keep it near linear.
 */
final class Forest {
    private final int[] parent;
    private final int[] size;
    private final int[] internal;

    Forest(int n) {
        parent = new int[n];
        size = new int[n];
        internal = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
            size[i] = 1;
        }
    }

    int find(int p) {
        int x = p;
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    /** The FH predicate: merge when the edge is no heavier than both regions' internal difference plus k/size. */
    void mergeIfSimilar(int a, int b, int weight, double k) {
        int ra = find(a);
        int rb = find(b);
        if (ra == rb) {
            return;
        }
        if (weight <= internal[ra] + k / size[ra] && weight <= internal[rb] + k / size[rb]) {
            union(ra, rb, weight);
        }
    }

    /** FH's post-pass: a region below the minimum size joins its lightest-edge neighbour. */
    void mergeIfSmall(int a, int b, int weight, int minSize) {
        int ra = find(a);
        int rb = find(b);
        if (ra != rb && (size[ra] < minSize || size[rb] < minSize)) {
            // Not the edge's weight: a forced merge can cross a strong edge, and a region whose internal difference
            // jumped to that weight would then swallow its neighbours at the next, coarser level.
            union(ra, rb, 0);
        }
    }

    /** Writes a dense region index per pixel, numbered in order of first appearance; returns the region count. */
    int label(int[] out) {
        int n = parent.length;
        int[] index = new int[n];
        java.util.Arrays.fill(index, -1);
        int next = 0;
        for (int p = 0; p < n; p++) {
            int r = find(p);
            if (index[r] < 0) {
                index[r] = next++;
            }
            out[p] = index[r];
        }
        return next;
    }

    private void union(int ra, int rb, int weight) {
        int big = size[ra] >= size[rb] ? ra : rb;
        int small = big == ra ? rb : ra;
        parent[small] = big;
        size[big] += size[small];
        // A coarser level revisits light edges after heavier merges, so the weight is not always the maximum.
        internal[big] = Math.max(weight, Math.max(internal[ra], internal[rb]));
    }
}
