package dev.srp.worker.masks.sam;

/**
 * SAM's automatic-mask-generation knobs (names and defaults follow segment_anything's
 * SamAutomaticMaskGenerator, except the grid, which is coarser because masks are pooled to LR anyway) plus SAMSR's
 * LR threshold.
 *
 * @param pointsPerSide   prompts on a pointsPerSide x pointsPerSide grid over the image
 * @param pointsPerBatch  prompts per decoder call
 * @param predIouThresh   keep masks whose predicted IoU is at least this
 * @param stabilityThresh keep masks whose stability score is at least this
 * @param stabilityOffset logit offset of the stability score's two thresholds
 * @param boxNmsThresh    drop a mask whose box overlaps a better one's by more than this IoU
 * @param lrThreshold     SAMSR's T_mask: an LR pixel is in the mask when at least this share of it is covered
 */
public record AmgSettings(int pointsPerSide, int pointsPerBatch, float predIouThresh, float stabilityThresh,
                          float stabilityOffset, float boxNmsThresh, float lrThreshold) {
    public AmgSettings {
        if (pointsPerSide < 1 || pointsPerSide > 64 || pointsPerBatch < 1) {
            throw new IllegalArgumentException("pointsPerSide must be 1..64 and pointsPerBatch positive");
        }
        if (lrThreshold <= 0 || lrThreshold > 1) {
            throw new IllegalArgumentException("lrThreshold must be in (0, 1], got " + lrThreshold);
        }
    }

    public static AmgSettings defaults() {
        return new AmgSettings(16, 64, 0.88f, 0.95f, 1.0f, 0.7f, 0.5f);
    }
}
