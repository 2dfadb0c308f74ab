package dev.srp.worker.masks.sam;

import java.util.BitSet;

/**
 * SAMSR's step from a mask on the upsampled image to LR: average-pool the mask over each LR pixel's footprint and
 * keep the pixel when the covered share reaches the threshold (T_mask).
 */
final class LrPooling {
    /** Samples per LR pixel side: enough to measure coverage when the mask grid is finer than LR. */
    private static final int SUBSAMPLES = 4;

    private LrPooling() {
    }

    /**
     * @param mask       binary mask on a {@code side x side} grid whose top-left {@code validW x validH} cells cover
     *                   the frame (the rest is SAM's padding)
     * @param lrWidth    LR frame width
     * @param lrHeight   LR frame height
     * @param threshold  minimum covered share of an LR pixel
     */
    static BitSet toLr(BitSet mask, int side, double validW, double validH, int lrWidth, int lrHeight,
                       float threshold) {
        BitSet out = new BitSet(lrWidth * lrHeight);
        double sx = validW / lrWidth;
        double sy = validH / lrHeight;
        int samples = SUBSAMPLES * SUBSAMPLES;
        for (int y = 0; y < lrHeight; y++) {
            for (int x = 0; x < lrWidth; x++) {
                int covered = 0;
                for (int j = 0; j < SUBSAMPLES; j++) {
                    int my = Math.min(side - 1, (int) ((y + (j + 0.5) / SUBSAMPLES) * sy));
                    for (int i = 0; i < SUBSAMPLES; i++) {
                        int mx = Math.min(side - 1, (int) ((x + (i + 0.5) / SUBSAMPLES) * sx));
                        if (mask.get(my * side + mx)) {
                            covered++;
                        }
                    }
                }
                if (covered >= threshold * samples) {
                    out.set(y * lrWidth + x);
                }
            }
        }
        return out;
    }
}
