package dev.srp.worker.masks;

import java.util.BitSet;
import java.util.List;

/**
 * Binary masks at LR resolution, bit {@code y * width + x} of each set meaning "pixel (x, y) is in the mask".
 * TODO(issue 3): compact encode/decode for the state store and the pixel weight W (helper B owns this class).
 *
 * @param width  mask width in pixels (the LR frame's)
 * @param height mask height in pixels
 * @param masks  the masks; may overlap; order carries no meaning
 */
public record MaskSet(int width, int height, List<BitSet> masks) {
    public MaskSet {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("mask size must be positive, got " + width + "x" + height);
        }
        masks = List.copyOf(masks);
    }

    public int count() {
        return masks.size();
    }
}
