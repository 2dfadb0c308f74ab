package dev.srp.worker;

import dev.srp.contract.FrameMessage;

/**
 * What a live stream shows for a frame that missed its deadline: a bicubic upscale of the LR frame (about 10 ms
 * at 320x180 -> 1280x720), so the stream keeps its pace instead of stalling behind the model.
 *
 * <p>Written here rather than taken from a library: sr-worker carries neither FFmpeg (JavaCV's natives would add
 * ~100 MB to the worker image) nor a second model, and for an integer factor bicubic is one fixed set of four
 * weights per output phase. It is PyTorch's bicubic ({@code F.interpolate(mode="bicubic", align_corners=False)},
 * A = -0.75, edge pixels repeated), which {@code BicubicFallbackIT} checks against the shipped bicubic
 * TorchScript model.
 */
final class BicubicFallback {
    private static final double A = -0.75;

    private final int scale;
    /** weights[phase][tap] for source pixels floor(src) - 1 .. floor(src) + 2, and the floor offset per phase. */
    private final float[][] weights;
    private final int[] offsets;

    BicubicFallback(int scale) {
        if (scale < 1 || scale > 8) {
            throw new IllegalArgumentException("scale must be between 1 and 8, got " + scale);
        }
        this.scale = scale;
        this.weights = new float[scale][4];
        this.offsets = new int[scale];
        for (int p = 0; p < scale; p++) {
            double src = (p + 0.5) / scale - 0.5; // position of output phase p in input pixels, relative to x
            int floor = (int) Math.floor(src);
            double t = src - floor;
            offsets[p] = floor;
            weights[p][0] = (float) cubic(t + 1);
            weights[p][1] = (float) cubic(t);
            weights[p][2] = (float) cubic(1 - t);
            weights[p][3] = (float) cubic(2 - t);
        }
    }

    private static double cubic(double x) {
        x = Math.abs(x);
        if (x <= 1) {
            return ((A + 2) * x - (A + 3)) * x * x + 1;
        }
        return x < 2 ? ((A * x - 5 * A) * x + 8 * A) * x - 4 * A : 0;
    }

    /** The frame with its pixels upscaled; every other field kept. */
    FrameMessage upscale(FrameMessage frame) {
        return frame.withPixels(frame.width() * scale, frame.height() * scale,
                upscale(frame.pixels(), frame.width(), frame.height()));
    }

    /** Packed RGB24 of {@code scale * width} x {@code scale * height}. */
    byte[] upscale(byte[] rgb, int width, int height) {
        int outW = width * scale;
        int outH = height * scale;
        // horizontal pass: height rows of outW pixels, kept in float so the vertical pass rounds once
        float[] rows = new float[height * outW * 3];
        for (int y = 0; y < height; y++) {
            int in = y * width * 3;
            int out = y * outW * 3;
            for (int x = 0; x < outW; x++) {
                int phase = x % scale;
                int base = x / scale + offsets[phase];
                float[] w = weights[phase];
                for (int c = 0; c < 3; c++) {
                    float sum = 0;
                    for (int k = 0; k < 4; k++) {
                        int sx = Math.min(width - 1, Math.max(0, base - 1 + k));
                        sum += w[k] * (rgb[in + sx * 3 + c] & 0xff);
                    }
                    rows[out + x * 3 + c] = sum;
                }
            }
        }
        byte[] hr = new byte[outW * outH * 3];
        int rowLength = outW * 3;
        for (int y = 0; y < outH; y++) {
            int phase = y % scale;
            int base = y / scale + offsets[phase];
            float[] w = weights[phase];
            int r0 = Math.min(height - 1, Math.max(0, base - 1)) * rowLength;
            int r1 = Math.min(height - 1, Math.max(0, base)) * rowLength;
            int r2 = Math.min(height - 1, Math.max(0, base + 1)) * rowLength;
            int r3 = Math.min(height - 1, Math.max(0, base + 2)) * rowLength;
            int out = y * rowLength;
            for (int i = 0; i < rowLength; i++) {
                float v = w[0] * rows[r0 + i] + w[1] * rows[r1 + i] + w[2] * rows[r2 + i] + w[3] * rows[r3 + i];
                hr[out + i] = (byte) Math.min(255, Math.max(0, Math.round(v)));
            }
        }
        return hr;
    }
}
