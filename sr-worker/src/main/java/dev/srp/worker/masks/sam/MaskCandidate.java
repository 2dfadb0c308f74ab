package dev.srp.worker.masks.sam;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;

/**
 * One decoder mask that passed the filters: its binary mask at the decoder's resolution, its bounding box there
 * ({@code x0, y0, x1, y1}, exclusive ends) and its score (the predicted IoU).
 */
record MaskCandidate(BitSet mask, int[] box, float score) {

    /** Binarises logits at 0 and boxes the result; null when the mask is empty. */
    static MaskCandidate of(float[] logits, int side, float score) {
        BitSet mask = new BitSet(logits.length);
        int x0 = side;
        int y0 = side;
        int x1 = -1;
        int y1 = -1;
        for (int i = 0; i < logits.length; i++) {
            if (logits[i] > 0) {
                mask.set(i);
                int x = i % side;
                int y = i / side;
                x0 = Math.min(x0, x);
                y0 = Math.min(y0, y);
                x1 = Math.max(x1, x);
                y1 = Math.max(y1, y);
            }
        }
        return x1 < 0 ? null : new MaskCandidate(mask, new int[] {x0, y0, x1 + 1, y1 + 1}, score);
    }

    /** SAM's stability score: IoU of the mask thresholded at +offset and at -offset. */
    static float stability(float[] logits, float offset) {
        int inner = 0;
        int outer = 0;
        for (float v : logits) {
            if (v > offset) {
                inner++;
            }
            if (v > -offset) {
                outer++;
            }
        }
        return outer == 0 ? 0f : (float) inner / outer;
    }

    /** Greedy non-maximum suppression by box IoU, best score first, as SAM's automatic mask generator does. */
    static List<MaskCandidate> nonMaximumSuppression(List<MaskCandidate> candidates, float iouThreshold) {
        List<MaskCandidate> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparingDouble(MaskCandidate::score).reversed());
        List<MaskCandidate> kept = new ArrayList<>();
        for (MaskCandidate c : sorted) {
            boolean suppressed = false;
            for (MaskCandidate k : kept) {
                if (boxIou(c.box, k.box) > iouThreshold) {
                    suppressed = true;
                    break;
                }
            }
            if (!suppressed) {
                kept.add(c);
            }
        }
        return kept;
    }

    static float boxIou(int[] a, int[] b) {
        int iw = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
        int ih = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
        if (iw <= 0 || ih <= 0) {
            return 0f;
        }
        float inter = (float) iw * ih;
        float union = (float) (a[2] - a[0]) * (a[3] - a[1]) + (float) (b[2] - b[0]) * (b[3] - b[1]) - inter;
        return inter / union;
    }
}
