package dev.srp.worker.masks;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;

/**
 * Chooses which regions of a {@link RegionHierarchy} become masks, so that the count of masks over a pixel follows
 * its structure the way SAM's automatic masks do: the coarsest level gives every sizeable region one mask (the sky
 * included); a finer region is kept only when it is a real part of its parent (not a near-copy of it) and is not a
 * large flat area. A textured object thus collects object, part and sub-part masks while a plain wall keeps one;
 * keeping every region of every level would give each pixel one mask per level, and W would be constant.
 */
final class MaskSelector {
    private final BuiltInMaskConfig config;

    MaskSelector(BuiltInMaskConfig config) {
        this.config = config;
    }

    List<BitSet> select(RegionHierarchy hierarchy, SmoothedImage img) {
        int n = img.width * img.height;
        List<Candidate> kept = new ArrayList<>();
        RegionStats above = null;
        for (int level = 0; level < hierarchy.levels(); level++) {
            int[] parentLabels = level == 0 ? null : hierarchy.labels[level - 1];
            RegionStats stats = RegionStats.of(hierarchy.labels[level], hierarchy.regions[level], parentLabels, img);
            int[] parent = hierarchy.parents[level];
            for (int r = 0; r < stats.count(); r++) {
                boolean keep = level == 0
                        ? stats.area(r) >= config.minArea()
                        : isPart(stats, r, above, parent[r]);
                if (keep) {
                    kept.add(new Candidate(level, r, stats.area(r), null));
                }
            }
            if (level == 0) {
                int[] area = new int[stats.count()];
                for (int r = 0; r < area.length; r++) {
                    area[r] = stats.area(r);
                }
                for (int[] members : Enclosures.objects(hierarchy.labels[0], stats.count(), img.width, img.height,
                        area, config.minHoleFraction())) {
                    int total = 0;
                    for (int m : members) {
                        total += area[m];
                    }
                    kept.add(new Candidate(OBJECT_LEVEL, members[0], total, members));
                }
            }
            above = stats;
        }
        return toMasks(capped(kept), hierarchy, n);
    }

    /**
     * A region below the top level is a part worth a mask when it is big enough, is not its parent over again, and
     * either has a sharp border with its siblings (a window in a car, a mast against the sky) or is textured itself.
     * What fails: slices of a smooth gradient such as the sky, which differ from their neighbours by a shade.
     */
    private boolean isPart(RegionStats stats, int r, RegionStats above, int parent) {
        int area = stats.area(r);
        if (area < config.minArea() || area >= config.duplicateFraction() * above.area(parent)) {
            return false;
        }
        return stats.meanGradient(r) >= config.flatGradient()
                || stats.siblingContrast(r) >= config.minContrast();
    }

    /** Over the cap, the finest and then the smallest masks go first: coarse masks keep every pixel covered. */
    private List<Candidate> capped(List<Candidate> kept) {
        if (kept.size() <= config.maxMasks()) {
            return kept;
        }
        List<Candidate> order = new ArrayList<>(kept);
        order.sort(Comparator.comparingInt(Candidate::level).thenComparing(Comparator.comparingInt(Candidate::area)
                .reversed()).thenComparingInt(Candidate::region));
        List<Candidate> top = new ArrayList<>(order.subList(0, config.maxMasks()));
        top.sort(Comparator.comparingInt(Candidate::level).thenComparingInt(Candidate::region));
        return top;
    }

    private static List<BitSet> toMasks(List<Candidate> chosen, RegionHierarchy hierarchy, int n) {
        List<BitSet> masks = new ArrayList<>(chosen.size());
        int[][] slot = new int[hierarchy.levels()][];
        for (int level = 0; level < hierarchy.levels(); level++) {
            slot[level] = new int[hierarchy.regions[level]];
            java.util.Arrays.fill(slot[level], -1);
        }
        List<List<Integer>> objectSlots = new ArrayList<>();
        for (int r = 0; r < hierarchy.regions[0]; r++) {
            objectSlots.add(new ArrayList<>(0));
        }
        for (Candidate c : chosen) {
            if (c.level() == OBJECT_LEVEL) {
                for (int m : c.members()) {
                    objectSlots.get(m).add(masks.size());
                }
            } else {
                slot[c.level()][c.region()] = masks.size();
            }
            masks.add(new BitSet(n));
        }
        int[] top = hierarchy.labels[0];
        for (int p = 0; p < n; p++) {
            for (int s : objectSlots.get(top[p])) {
                masks.get(s).set(p);
            }
        }
        for (int level = 0; level < hierarchy.levels(); level++) {
            int[] labels = hierarchy.labels[level];
            int[] levelSlot = slot[level];
            for (int p = 0; p < n; p++) {
                int s = levelSlot[labels[p]];
                if (s >= 0) {
                    masks.get(s).set(p);
                }
            }
        }
        return masks;
    }

    /** Whole objects (a level-0 region with what it encloses) sort before level 0: they are few and large. */
    private static final int OBJECT_LEVEL = -1;

    /** @param members for an object, the level-0 regions it spans; null for a plain region */
    private record Candidate(int level, int region, int area, int[] members) {
    }
}
