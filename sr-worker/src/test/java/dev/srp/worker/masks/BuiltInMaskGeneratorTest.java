package dev.srp.worker.masks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BuiltInMaskGeneratorTest {
    private static final int W = 160;
    private static final int H = 90;

    /**
     * Left half: a smooth sky-like gradient. Right half: a grainy grey texture holding an object (a red box) with
     * parts (a dark window, a yellow panel) and a sub-part (a white dot in the window).
     */
    private static byte[] scene() {
        Random random = new Random(42);
        byte[] rgb = new byte[W * H * 3];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int r;
                int g;
                int b;
                if (x < W / 2) {
                    r = 60 + y / 3;
                    g = 110 + y / 3;
                    b = 200 - y / 4;
                } else if (x >= 100 && x < 150 && y >= 20 && y < 75) {
                    boolean window = x >= 106 && x < 124 && y >= 28 && y < 48;
                    boolean dot = x >= 112 && x < 118 && y >= 35 && y < 41;
                    boolean panel = x >= 128 && x < 146 && y >= 50 && y < 70;
                    r = dot ? 240 : window ? 30 : panel ? 230 : 190;
                    g = dot ? 240 : window ? 40 : panel ? 200 : 40;
                    b = dot ? 240 : window ? 60 : panel ? 40 : 40;
                } else {
                    int v = 90 + random.nextInt(90);
                    r = v;
                    g = v;
                    b = v;
                }
                int o = (y * W + x) * 3;
                rgb[o] = (byte) r;
                rgb[o + 1] = (byte) g;
                rgb[o + 2] = (byte) b;
            }
        }
        return rgb;
    }

    @Test
    void weightIsClearlyHigherOnTheTexturedObjectHalfThanOnTheFlatHalf() {
        MaskSet set = new BuiltInMaskGenerator().generate(scene(), W, H);
        float[] w = set.weightMap();
        double flat = meanW(w, 0, W / 2 - 4, 0, H);
        double object = meanW(w, 100, 150, 20, 75);
        double textured = meanW(w, W / 2 + 4, W, 0, H);
        assertTrue(object > flat + 0.3, "object W " + object + " vs flat W " + flat);
        assertTrue(textured > flat + 0.2, "textured-half W " + textured + " vs flat W " + flat);
        assertTrue(flat > 0, "the flat half still has its one mask");
    }

    @Test
    void masksOverlapAcrossGranularities() {
        MaskSet set = new BuiltInMaskGenerator().generate(scene(), W, H);
        int max = 0;
        for (int c : set.coverage()) {
            max = Math.max(max, c);
        }
        assertTrue(max >= 2, "some pixel should be in an object mask and a part mask, max coverage " + max);
        assertTrue(set.count() > 3, "masks: " + set.count());
    }

    @Test
    void sameInputGivesTheSameMasks() {
        byte[] frame = scene();
        MaskSet first = new BuiltInMaskGenerator().generate(frame, W, H);
        MaskSet second = new BuiltInMaskGenerator().generate(frame.clone(), W, H);
        assertEquals(first, second);
        assertArrayEquals(first.encode(), second.encode());
    }

    @Test
    void aFlatFrameGetsOneMaskEverywhere() {
        byte[] grey = new byte[W * H * 3];
        java.util.Arrays.fill(grey, (byte) 128);
        MaskSet set = new BuiltInMaskGenerator().generate(grey, W, H);
        assertEquals(1, set.count());
        for (float v : set.weightMap()) {
            assertEquals(1f, v);
        }
    }

    @Test
    void rejectsABufferOfTheWrongSize() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new BuiltInMaskGenerator().generate(new byte[10], W, H)).getMessage().contains("RGB24"));
        assertEquals("builtin", new BuiltInMaskGenerator().name());
    }

    private static double meanW(float[] w, int x0, int x1, int y0, int y1) {
        double sum = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                sum += w[y * W + x];
            }
        }
        return sum / ((x1 - x0) * (y1 - y0));
    }
}
