package dev.srp.worker.masks.sam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaskCandidateTest {
    @Test
    void boxesAndStability() {
        float[] logits = new float[16];
        logits[5] = 5;
        logits[6] = 5;
        logits[9] = 0.5f;
        MaskCandidate c = MaskCandidate.of(logits, 4, 0.9f);
        assertEquals(List.of(1, 1, 3, 3), List.of(c.box()[0], c.box()[1], c.box()[2], c.box()[3]));
        // above +1: the two 5s; above -1: all 16 pixels, zeros included
        assertEquals(2f / 16, MaskCandidate.stability(logits, 1f), 1e-6);
        assertNull(MaskCandidate.of(new float[16], 4, 0.9f));
    }

    @Test
    void nmsKeepsTheBetterOfTwoOverlappingMasks() {
        MaskCandidate a = new MaskCandidate(new BitSet(), new int[] {0, 0, 10, 10}, 0.9f);
        MaskCandidate b = new MaskCandidate(new BitSet(), new int[] {1, 0, 10, 10}, 0.95f);
        MaskCandidate far = new MaskCandidate(new BitSet(), new int[] {20, 20, 30, 30}, 0.5f);
        assertEquals(List.of(b, far), MaskCandidate.nonMaximumSuppression(List.of(a, b, far), 0.7f));
    }

    @Test
    void poolsToLrByCoveredShare() {
        BitSet leftHalf = new BitSet(64);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 4; x++) {
                leftHalf.set(y * 8 + x);
            }
        }
        // the frame covers the top-left 8x4 of the 8x8 grid (a 2:1 frame padded to a square)
        BitSet lr = LrPooling.toLr(leftHalf, 8, 8, 4, 4, 2, 0.5f);
        BitSet expected = new BitSet();
        expected.set(0);
        expected.set(1);
        expected.set(4);
        expected.set(5);
        assertEquals(expected, lr);
    }
}
