package dev.srp.worker.masks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The Java noise module and W give the numbers model/srp_model/samsr.py gives for the same masks and draws. */
class SamNoiseParityTest {
    @Test
    void noiseMatchesPythonForTheSameDraws() throws Exception {
        Goldens g = Goldens.load();
        float[] z = Goldens.floats("z.f32");
        int hw = g.height * g.width;
        float[] eps = SamNoise.compute(g.maskSet(), g.channels, (mask, c, p) -> z[(mask * g.channels + c) * hw + p]);
        assertArrayEquals(Goldens.floats("eps.f32"), eps, 1e-5f);
    }

    @Test
    void weightMapMatchesPython() throws Exception {
        Goldens g = Goldens.load();
        assertArrayEquals(Goldens.floats("weight.f32"), g.maskSet().weightMap(), 1e-6f);
    }

    @Test
    void seededNoiseIsStandardisedAndRepeatable() throws Exception {
        MaskSet set = Goldens.load().maskSet();
        float[] a = SamNoise.compute(set, 48, SamNoise.seeded(42));
        assertArrayEquals(a, SamNoise.compute(set, 48, SamNoise.seeded(42)));
        double mean = 0;
        double sq = 0;
        for (float v : a) {
            mean += v;
            sq += v * v;
        }
        assertEquals(0, mean / a.length, 1e-6);
        assertEquals(1, sq / a.length, 1e-4);
    }
}
