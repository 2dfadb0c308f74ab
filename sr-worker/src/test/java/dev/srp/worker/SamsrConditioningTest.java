package dev.srp.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srp.worker.masks.MaskSet;
import dev.srp.worker.masks.SamNoise;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** W and eps' as the translator gets them: one frame from its shot's buffers, several concatenated in order. */
class SamsrConditioningTest {
    private static final int W = 6;
    private static final int H = 4;
    private static final int CHANNELS = 48;

    @Test
    void attachesEachFramesShotInFrameOrder() {
        BitSet left = new BitSet();
        left.set(0, 3);
        MaskSet masks = new MaskSet(W, H, List.of(left));
        SamsrConditioning conditioning = SamsrConditioning.forInputs(SamsrConditioning.INPUTS, 4, "test");
        UpscaleInput a = new UpscaleInput(new byte[W * H * 3], masks, 5);
        UpscaleInput b = new UpscaleInput(new byte[W * H * 3], masks, 6);

        RgbBatchTranslator.Batch one = conditioning.attach(frames(1), List.of(a)).batch();
        assertArrayEquals(masks.weightMap(), floats(one.weight()));
        assertArrayEquals(noise(masks, 5), floats(one.noise()));

        RgbBatchTranslator.Batch three = conditioning.attach(frames(3), List.of(b, a, b)).batch();
        assertEquals(3, three.count());
        assertArrayEquals(concat(noise(masks, 6), noise(masks, 5), noise(masks, 6)), floats(three.noise()));
        float[] wm = masks.weightMap();
        assertArrayEquals(concat(wm, wm, wm), floats(three.weight()));
        // the one-frame batch reads the shot's buffer: attaching again must not have moved it
        assertArrayEquals(noise(masks, 5), floats(conditioning.attach(frames(1), List.of(a)).batch().noise()));
    }

    /**
     * A live feed starts a new shot every few seconds: the shots' direct buffers are reused, so their number stays
     * bounded, and a shot evicted while a forward call still uses it is not overwritten under that call.
     */
    @Test
    void reusesTheBuffersOfEvictedShotsButNeverUnderARunningCall() {
        MaskSet masks = new MaskSet(W, H, List.of(new BitSet()));
        SamsrConditioning conditioning = SamsrConditioning.forInputs(SamsrConditioning.INPUTS, 4, "test");
        SamsrConditioning.Lease running = conditioning.attach(frames(1), List.of(new UpscaleInput(
                new byte[W * H * 3], masks, 1)));
        for (long seed = 2; seed < 40; seed++) {
            try (SamsrConditioning.Lease lease = conditioning.attach(frames(1), List.of(new UpscaleInput(
                    new byte[W * H * 3], masks, seed)))) {
                assertArrayEquals(noise(masks, seed), floats(lease.batch().noise()), "shot " + seed);
            }
        }
        assertArrayEquals(noise(masks, 1), floats(running.batch().noise()), "the running call's eps' was refilled");
        running.close();
        // 4 cached, at most 2 spare, and the running call's: 39 shots with 7 buffer pairs at most
        assertTrue(conditioning.buffersAllocated() <= 7, "buffer pairs allocated: " + conditioning.buffersAllocated());
    }

    private static RgbBatchTranslator.Batch frames(int count) {
        return RgbBatchTranslator.stack(Collections.nCopies(count, new byte[W * H * 3]), W, H);
    }

    private static float[] noise(MaskSet masks, long seed) {
        return SamNoise.compute(masks, CHANNELS, SamNoise.seeded(seed));
    }

    private static float[] floats(ByteBuffer b) {
        float[] out = new float[b.capacity() / Float.BYTES];
        b.duplicate().order(ByteOrder.nativeOrder()).clear().asFloatBuffer().get(out);
        return out;
    }

    private static float[] concat(float[]... parts) {
        int n = 0;
        for (float[] p : parts) {
            n += p.length;
        }
        float[] out = new float[n];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
