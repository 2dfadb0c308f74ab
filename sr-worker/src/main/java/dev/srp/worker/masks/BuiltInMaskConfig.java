package dev.srp.worker.masks;

import java.util.List;

/**
 * Parameters of {@link BuiltInMaskGenerator}, validated here so that a bad value fails at start-up by name.
 *
 * @param sigma            Gaussian pre-smoothing (pixels) before segmenting: suppresses compression noise and grain
 * @param scales           Felzenszwalb-Huttenlocher scale {@code k} per hierarchy level, coarsest first and strictly
 *                         decreasing: larger k means larger regions; each level is a refinement of the one before
 * @param minArea          smallest mask kept, in LR pixels (SAM's {@code min_mask_region_area}); smaller regions are
 *                         merged into a neighbour while segmenting
 * @param duplicateFraction a region covering at least this fraction of its parent region adds nothing new and is
 *                         dropped (it would only raise W uniformly over the parent)
 * @param flatGradient     mean luma gradient (Sobel magnitude, 0-255 units per pixel) from which a region counts as
 *                         textured; below the coarsest level, textured regions are kept as parts
 * @param minContrast      mean RGB step across a region's border with its siblings from which a flat region counts
 *                         as a distinct part; below it, it is a slice of a smooth area (the sky, a wall) and is
 *                         dropped, so such areas keep one mask
 * @param minHoleFraction a top-level region plus the regions it encloses becomes an extra "whole object" mask when
 *                         the enclosed regions make up at least this share of it (a car with its windows, not the
 *                         sky around one bird)
 * @param maxMasks         cap on masks per frame, keeping the largest (bounds the cached size and the noise cost)
 */
public record BuiltInMaskConfig(double sigma, List<Integer> scales, int minArea, double duplicateFraction,
                                double flatGradient, double minContrast, double minHoleFraction,
                                int maxMasks) {
    public BuiltInMaskConfig {
        if (!(sigma >= 0 && sigma <= 5)) {
            throw new IllegalArgumentException("sigma must be in [0, 5], got " + sigma);
        }
        scales = List.copyOf(scales);
        if (scales.isEmpty()) {
            throw new IllegalArgumentException("scales must name at least one level");
        }
        for (int i = 0; i < scales.size(); i++) {
            if (scales.get(i) <= 0 || (i > 0 && scales.get(i) >= scales.get(i - 1))) {
                throw new IllegalArgumentException("scales must be positive and strictly decreasing, got " + scales);
            }
        }
        if (minArea < 1) {
            throw new IllegalArgumentException("minArea must be >= 1, got " + minArea);
        }
        if (!(duplicateFraction > 0 && duplicateFraction <= 1)) {
            throw new IllegalArgumentException("duplicateFraction must be in (0, 1], got " + duplicateFraction);
        }
        if (!(flatGradient >= 0)) {
            throw new IllegalArgumentException("flatGradient must be >= 0, got " + flatGradient);
        }
        if (!(minContrast >= 0)) {
            throw new IllegalArgumentException("minContrast must be >= 0, got " + minContrast);
        }
        if (!(minHoleFraction > 0 && minHoleFraction <= 1)) {
            throw new IllegalArgumentException("minHoleFraction must be in (0, 1], got " + minHoleFraction);
        }
        if (maxMasks < 1) {
            throw new IllegalArgumentException("maxMasks must be >= 1, got " + maxMasks);
        }
    }

    /** Values tuned on samples/city-320x180.mp4 and a photo with sky at 320x180 (docs/masks.md). */
    public static BuiltInMaskConfig defaults() {
        return new BuiltInMaskConfig(0.8, List.of(2000, 700, 250), 24, 0.85, 6.0, 8.0, 0.1, 192);
    }
}
