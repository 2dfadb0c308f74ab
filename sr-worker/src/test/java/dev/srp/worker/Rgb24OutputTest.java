package dev.srp.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;

/** Scale, clamp and round-half-to-even of one value, and the NCHW -> packed RGB order of a frame. */
class Rgb24OutputTest {
    @Test
    void scalesClampsAndRoundsHalfToEven() {
        assertEquals(0, Rgb24Output.toByte(-0.3f));
        assertEquals(255, Rgb24Output.toByte(1.7f) & 0xff);
        assertEquals(0, Rgb24Output.toByte(0.5f / 255f), "0.5 rounds to the even 0");
        assertEquals(2, Rgb24Output.toByte(1.5f / 255f));
        assertEquals(2, Rgb24Output.toByte(2.5f / 255f));
        assertEquals(128, Rgb24Output.toByte(128f / 255f) & 0xff);
        assertEquals(0, Rgb24Output.toByte(Float.NaN));
    }

    @Test
    void interleavesThePlanesOfTheFrameAtItsOffset() {
        // two floats of something else, then a 2x1 frame: R plane, G plane, B plane
        FloatBuffer nchw = FloatBuffer.wrap(new float[] {9f, 9f, 0f, 1f, 10f / 255f, 20f / 255f, 1f, 0f});
        UpscaledFrame frame = Rgb24Output.frame(nchw, 2, 2, 1);
        assertArrayEquals(new byte[] {0, 10, (byte) 255, (byte) 255, 20, 0}, frame.rgb());
        assertTrue(frame.finite());
    }

    @Test
    void aFrameWithANanOrAnInfinityIsNotFinite() {
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            FloatBuffer nchw = FloatBuffer.wrap(new float[] {0.1f, 0.2f, 0.3f, bad, 0.5f, 0.6f});
            UpscaledFrame frame = Rgb24Output.frame(nchw, 0, 2, 1);
            assertFalse(frame.finite(), "a frame holding " + bad);
        }
        // the other frame of the same buffer is fine: only the frame's own values count
        FloatBuffer two = FloatBuffer.wrap(new float[] {0.1f, 0.2f, 0.3f, Float.NaN, 0.5f, 0.6f, 0, 0, 0, 0, 0, 0});
        assertTrue(Rgb24Output.frame(two, 6, 2, 1).finite());
    }
}
