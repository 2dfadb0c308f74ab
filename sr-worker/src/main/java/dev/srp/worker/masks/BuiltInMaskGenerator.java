package dev.srp.worker.masks;

import java.util.BitSet;
import java.util.List;

/**
 * The default {@link MaskGenerator}: needs no weights. It segments the LR frame into a hierarchy of nested regions
 * (graph segmentation at several scales) and keeps object, part and sub-part regions as overlapping masks, so that
 * SAMSR's weight W is low on flat areas and high on structured ones (docs/masks.md).
 *
 * <p>SAMSR segments the x4 bicubic upsample and average-pools each mask back to LR; this works at LR directly: the
 * upsample adds no information a colour-based segmenter can use, costs 16 times the pixels, and pooling a mask made
 * of whole LR pixels and thresholding at 0.5 gives that mask back. Not thread-safe in spirit (one per task), though
 * it holds no mutable state.
 */
public final class BuiltInMaskGenerator implements MaskGenerator {
    public static final String NAME = "builtin";
    private final BuiltInMaskConfig config;
    private final MaskSelector selector;

    public BuiltInMaskGenerator(BuiltInMaskConfig config) {
        this.config = config;
        this.selector = new MaskSelector(config);
    }

    public BuiltInMaskGenerator() {
        this(BuiltInMaskConfig.defaults());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public MaskSet generate(byte[] rgb, int width, int height) {
        SmoothedImage img = SmoothedImage.of(rgb, width, height, config.sigma());
        RegionHierarchy hierarchy = RegionHierarchy.build(img, config.scales(), config.minArea());
        List<BitSet> masks = selector.select(hierarchy, img);
        return new MaskSet(width, height, masks);
    }
}
