package dev.srp.worker.masks;

import java.util.BitSet;
import java.util.List;

/**
 * Binary masks at LR resolution, bit {@code y * width + x} of each set meaning "pixel (x, y) is in the mask".
 * Bits at or beyond {@code width * height} are dropped on construction. The sets are copied in, so later changes to
 * the caller's sets do not leak in; callers must not modify the sets returned by {@link #masks()}.
 * The compact byte form lives in {@link MaskSetCodec}; this record is the in-memory view.
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
        if ((long) width * height > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("mask size too large: " + width + "x" + height);
        }
        int n = width * height;
        // Defensive copies trimmed to the frame: BitSet is mutable, and stray bits past the end would make two equal
        // mask sets compare unequal and encode differently.
        masks = masks.stream().map(m -> m.get(0, n)).toList();
    }

    /** A set with no masks: W is zero everywhere, and the noise module falls back to plain Gaussian noise. */
    public static MaskSet empty(int width, int height) {
        return new MaskSet(width, height, List.of());
    }

    public int count() {
        return masks.size();
    }

    /** Pixels per mask: {@code width * height}. */
    public int pixels() {
        return width * height;
    }

    /** How many masks cover each pixel (sum_m F^m), row-major; the noise module divides by it. */
    public int[] coverage() {
        int n = pixels();
        int[] cover = new int[n];
        for (BitSet mask : masks) {
            for (int i = mask.nextSetBit(0); i >= 0; i = mask.nextSetBit(i + 1)) {
                cover[i]++;
            }
        }
        return cover;
    }

    /**
     * SAMSR's pixel weight (Eq. 8): {@code W = sum_m F^m / max over pixels of that sum}, row-major, in [0, 1].
     * All zeros when there are no masks (or they are all empty), so the schedule falls back to the unmodulated one.
     */
    public float[] weightMap() {
        int[] cover = coverage();
        int max = 0;
        for (int c : cover) {
            max = Math.max(max, c);
        }
        float[] w = new float[cover.length];
        if (max == 0) {
            return w;
        }
        float inv = 1f / max;
        for (int i = 0; i < cover.length; i++) {
            w[i] = cover[i] * inv;
        }
        return w;
    }

    /** Compact bytes for the state store; see {@link MaskSetCodec} for the layout. */
    public byte[] encode() {
        return MaskSetCodec.encode(this);
    }

    /** Inverse of {@link #encode()}; rejects malformed input with an {@link IllegalArgumentException}. */
    public static MaskSet decode(byte[] bytes) {
        return MaskSetCodec.decode(bytes);
    }
}
