package dev.srp.worker.masks;

import java.util.SplittableRandom;

/**
 * SAMSR's SAM-noise module (paper Eq. 5-7, reference-code variant with a background mask and division by the
 * coverage count), the Java twin of {@code sam_noise} in model/srp_model/samsr.py; SamNoiseParityTest holds the two
 * to the same golden numbers. For each pixel, the noise is the mean of one Gaussian draw per mask covering it (the
 * background's draw where none does), and the whole C x h x w result is standardised to zero mean and unit variance.
 */
public final class SamNoise {
    private static final double MIN_STD = 1e-12;

    /** Standard-normal draws, asked for in a fixed order: mask by mask (background last), pixel, then channel. */
    public interface Draws {
        double next(int mask, int channel, int pixel);
    }

    private SamNoise() {
    }

    /** Draws from a generator seeded by the shot's noise seed, so a shot's noise is the same on every run. */
    public static Draws seeded(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return (mask, channel, pixel) -> random.nextGaussian();
    }

    /** eps' as a channel-major {@code channels x height x width} array. */
    public static float[] compute(MaskSet set, int channels, Draws z) {
        int hw = set.width() * set.height();
        double[] sum = new double[channels * hw];
        int[] count = set.coverage();
        int m = 0;
        for (var mask : set.masks()) {
            final int maskIndex = m;
            mask.stream().forEach(p -> add(sum, hw, channels, p, maskIndex, z));
            m++;
        }
        int background = set.count();
        for (int p = 0; p < hw; p++) {
            if (count[p] == 0) {
                add(sum, hw, channels, p, background, z);
            }
        }
        double mean = 0;
        for (int c = 0; c < channels; c++) {
            for (int p = 0; p < hw; p++) {
                int i = c * hw + p;
                sum[i] /= Math.max(1, count[p]);
                mean += sum[i];
            }
        }
        mean /= sum.length;
        double var = 0;
        for (double v : sum) {
            var += (v - mean) * (v - mean);
        }
        double std = Math.max(Math.sqrt(var / sum.length), MIN_STD);
        float[] eps = new float[sum.length];
        for (int i = 0; i < sum.length; i++) {
            eps[i] = (float) ((sum[i] - mean) / std);
        }
        return eps;
    }

    private static void add(double[] sum, int hw, int channels, int pixel, int mask, Draws z) {
        for (int c = 0; c < channels; c++) {
            sum[c * hw + pixel] += z.next(mask, c, pixel);
        }
    }
}
