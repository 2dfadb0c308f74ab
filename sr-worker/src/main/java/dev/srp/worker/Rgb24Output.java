package dev.srp.worker;

import java.nio.FloatBuffer;

/**
 * The model's float NCHW output in [0,1] -> packed RGB24, in one pass over the floats.
 *
 * <p>Why not tensor ops: {@code mul(255).clip(0,255).round().toType(uint8).transpose(NHWC)} makes five passes over a
 * frame's 2.8 M floats (1280x720x3), each into a freshly allocated tensor; on the 2-core CPU that took 16-26 ms a
 * frame, a third of the fast model's own time. This loop reads the output tensor's memory in place and takes about
 * 5 ms (docs/benchmarks.md, "The DJL speed gap"). The arithmetic is the same, so the bytes are the same: the product
 * {@code v * 255f} in float, clamped to [0,255], then {@link Math#rint} (round half to even, as torch.round).
 */
final class Rgb24Output {
    private Rgb24Output() {
    }

    /**
     * One frame: its three planes start at {@code offset} in {@code nchw} (floats, in the output's order).
     *
     * @return width x height x 3 bytes, RGB interleaved, row by row, and whether every value was finite
     */
    static UpscaledFrame frame(FloatBuffer nchw, int offset, int width, int height) {
        int plane = width * height;
        byte[] out = new byte[plane * 3];
        // a row of each plane at a time: bulk copies out of native memory, then a loop over heap arrays
        float[] r = new float[width];
        float[] g = new float[width];
        float[] b = new float[width];
        // NaN and infinity survive addition, so one sum tells whether the frame held any (in double: a sum of
        // finite floats cannot overflow to infinity there)
        double sum = 0;
        for (int y = 0; y < height; y++) {
            int row = offset + y * width;
            nchw.get(row, r);
            nchw.get(row + plane, g);
            nchw.get(row + 2 * plane, b);
            for (int x = 0, o = y * width * 3; x < width; x++, o += 3) {
                out[o] = toByte(r[x]);
                out[o + 1] = toByte(g[x]);
                out[o + 2] = toByte(b[x]);
                sum += (double) r[x] + g[x] + b[x];
            }
        }
        return new UpscaledFrame(out, Double.isFinite(sum));
    }

    /** Same as the tensor path: clip before the cast, which would wrap out-of-range values instead of saturating. */
    static byte toByte(float v) {
        float x = v * 255f;
        // NaN fails both tests and becomes 0 (the tensor path's cast of NaN to uint8 was undefined)
        x = x < 0f ? 0f : (x > 255f ? 255f : x);
        return (byte) (int) Math.rint(x);
    }
}
