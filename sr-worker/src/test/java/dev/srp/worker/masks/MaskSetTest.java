package dev.srp.worker.masks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MaskSetTest {
    private static BitSet bits(int... indices) {
        BitSet b = new BitSet();
        for (int i : indices) {
            b.set(i);
        }
        return b;
    }

    @Test
    void weightMapIsCoverageOverItsMaximum() {
        MaskSet set = new MaskSet(3, 2, List.of(bits(0, 1, 2), bits(1, 2), bits(2)));
        assertArrayEquals(new int[] {1, 2, 3, 0, 0, 0}, set.coverage());
        assertArrayEquals(new float[] {1 / 3f, 2 / 3f, 1f, 0, 0, 0}, set.weightMap(), 1e-6f);
    }

    @Test
    void weightMapIsZeroWithoutMasksOrWithEmptyOnes() {
        assertArrayEquals(new float[6], MaskSet.empty(3, 2).weightMap());
        assertArrayEquals(new float[6], new MaskSet(3, 2, List.of(new BitSet())).weightMap());
    }

    @Test
    void dropsBitsPastTheFrameAndCopiesTheSets() {
        BitSet mask = bits(1, 6, 100);
        MaskSet set = new MaskSet(3, 2, List.of(mask));
        mask.set(0);
        assertEquals(bits(1), set.masks().get(0));
        assertEquals(set, new MaskSet(3, 2, List.of(bits(1))));
    }

    @Test
    void goldenBytesForATinySet() {
        // version 1, raw body, 3x2, one mask; runs: 1 clear, 2 set, 3 clear.
        byte[] golden = {1, 0, 3, 2, 1, 1, 2, 3};
        MaskSet set = new MaskSet(3, 2, List.of(bits(1, 2)));
        assertArrayEquals(golden, set.encode());
        assertEquals(set, MaskSet.decode(golden));
    }

    @Test
    void roundTripsEdgeCases() {
        BitSet full = new BitSet();
        full.set(0, 6);
        List<MaskSet> cases = List.of(MaskSet.empty(3, 2), new MaskSet(3, 2, List.of(new BitSet())),
                new MaskSet(3, 2, List.of(full, bits(0), bits(5), bits(0, 5))),
                new MaskSet(1, 1, List.of(bits(0), new BitSet())));
        for (MaskSet set : cases) {
            assertEquals(set, MaskSet.decode(set.encode()), set.toString());
        }
    }

    @Test
    void roundTripsRandomBlobMasksAt320x180() {
        Random random = new Random(7);
        List<BitSet> masks = new ArrayList<>();
        for (int m = 0; m < 60; m++) {
            BitSet mask = new BitSet();
            int cx = random.nextInt(320);
            int cy = random.nextInt(180);
            int r = 3 + random.nextInt(60);
            for (int y = 0; y < 180; y++) {
                for (int x = 0; x < 320; x++) {
                    if ((x - cx) * (x - cx) + (y - cy) * (y - cy) < r * r && random.nextInt(50) > 0) {
                        mask.set(y * 320 + x);
                    }
                }
            }
            masks.add(mask);
        }
        MaskSet set = new MaskSet(320, 180, masks);
        byte[] bytes = set.encode();
        assertEquals(set, MaskSet.decode(bytes));
        assertTrue(bytes.length < 60 * 320 * 180 / 8 / 4, "RLE should beat bitsets by 4x, got " + bytes.length);
    }

    @Test
    void usesZstdWhenItIsShorter() {
        BitSet stripes = new BitSet();
        for (int i = 0; i < 320 * 180; i += 2) {
            stripes.set(i);
        }
        MaskSet set = new MaskSet(320, 180, List.of(stripes, stripes, stripes));
        byte[] bytes = set.encode();
        assertEquals(1, bytes[1], "body codec");
        assertTrue(bytes.length < 1000, "zstd should fold the repeated runs, got " + bytes.length);
        assertEquals(set, MaskSet.decode(bytes));
    }

    @Test
    void rejectsMalformedInputByWhatIsWrong() {
        byte[] good = new MaskSet(3, 2, List.of(bits(1, 2))).encode();
        byte[] badVersion = good.clone();
        badVersion[0] = 9;
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MaskSet.decode(badVersion)).getMessage()
                .contains("version 9"));
        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 1);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MaskSet.decode(truncated)).getMessage()
                .contains("truncated"));
        byte[] trailing = java.util.Arrays.copyOf(good, good.length + 1);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MaskSet.decode(trailing)).getMessage()
                .contains("trailing"));
        byte[] overlong = {1, 0, 3, 2, 1, 1, 9};
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MaskSet.decode(overlong)).getMessage()
                .contains("bad run"));
        byte[] badCodec = good.clone();
        badCodec[1] = 7;
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MaskSet.decode(badCodec)).getMessage()
                .contains("codec 7"));
        assertThrows(IllegalArgumentException.class, () -> MaskSet.decode(new byte[] {1, 1, 3, 2, 1, 5, 5, 5}));
    }
}
