package dev.srp.worker.masks;

/**
 * A Gaussian-smoothed float copy of a packed RGB24 frame plus its luma gradient magnitude: the segmenter's input.
 * Smoothing first is what Felzenszwalb-Huttenlocher prescribe; without it, codec blocking and grain split flat areas.
 */
final class SmoothedImage {
    final int width;
    final int height;
    /** Interleaved R, G, B after smoothing, 0-255. */
    final float[] rgb;
    /** Sobel magnitude of the smoothed luma, 0-255 units per pixel. */
    final float[] gradient;

    private SmoothedImage(int width, int height, float[] rgb, float[] gradient) {
        this.width = width;
        this.height = height;
        this.rgb = rgb;
        this.gradient = gradient;
    }

    static SmoothedImage of(byte[] packedRgb, int width, int height, double sigma) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("frame size must be positive, got " + width + "x" + height);
        }
        if (packedRgb.length != width * height * 3) {
            throw new IllegalArgumentException("expected " + width * height * 3 + " bytes for " + width + "x"
                    + height + " RGB24, got " + packedRgb.length);
        }
        float[] src = new float[packedRgb.length];
        for (int i = 0; i < src.length; i++) {
            src[i] = packedRgb[i] & 0xFF;
        }
        float[] smooth = sigma > 0 ? blur(src, width, height, gaussian(sigma)) : src;
        return new SmoothedImage(width, height, smooth, sobel(smooth, width, height));
    }

    private static float[] gaussian(double sigma) {
        int radius = Math.max(1, (int) Math.ceil(3 * sigma));
        float[] k = new float[2 * radius + 1];
        float sum = 0;
        for (int i = -radius; i <= radius; i++) {
            k[i + radius] = (float) Math.exp(-(i * i) / (2 * sigma * sigma));
            sum += k[i + radius];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        return k;
    }

    /** Separable convolution with edge clamping, on all three channels. */
    private static float[] blur(float[] src, int w, int h, float[] k) {
        int r = k.length / 2;
        float[] tmp = new float[src.length];
        float[] out = new float[src.length];
        for (int y = 0; y < h; y++) {
            int row = y * w;
            for (int x = 0; x < w; x++) {
                float sr = 0;
                float sg = 0;
                float sb = 0;
                for (int i = -r; i <= r; i++) {
                    int xx = Math.min(w - 1, Math.max(0, x + i));
                    int p = (row + xx) * 3;
                    float kv = k[i + r];
                    sr += kv * src[p];
                    sg += kv * src[p + 1];
                    sb += kv * src[p + 2];
                }
                int o = (row + x) * 3;
                tmp[o] = sr;
                tmp[o + 1] = sg;
                tmp[o + 2] = sb;
            }
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float sr = 0;
                float sg = 0;
                float sb = 0;
                for (int i = -r; i <= r; i++) {
                    int yy = Math.min(h - 1, Math.max(0, y + i));
                    int p = (yy * w + x) * 3;
                    float kv = k[i + r];
                    sr += kv * tmp[p];
                    sg += kv * tmp[p + 1];
                    sb += kv * tmp[p + 2];
                }
                int o = (y * w + x) * 3;
                out[o] = sr;
                out[o + 1] = sg;
                out[o + 2] = sb;
            }
        }
        return out;
    }

    private static float[] sobel(float[] rgb, int w, int h) {
        float[] luma = new float[w * h];
        for (int i = 0; i < luma.length; i++) {
            luma[i] = 0.299f * rgb[3 * i] + 0.587f * rgb[3 * i + 1] + 0.114f * rgb[3 * i + 2];
        }
        float[] mag = new float[w * h];
        for (int y = 0; y < h; y++) {
            int ym = Math.max(0, y - 1) * w;
            int y0 = y * w;
            int yp = Math.min(h - 1, y + 1) * w;
            for (int x = 0; x < w; x++) {
                int xm = Math.max(0, x - 1);
                int xp = Math.min(w - 1, x + 1);
                float gx = (luma[ym + xp] + 2 * luma[y0 + xp] + luma[yp + xp])
                        - (luma[ym + xm] + 2 * luma[y0 + xm] + luma[yp + xm]);
                float gy = (luma[yp + xm] + 2 * luma[yp + x] + luma[yp + xp])
                        - (luma[ym + xm] + 2 * luma[ym + x] + luma[ym + xp]);
                // Divided by 8 so a luma ramp of slope s per pixel reads as s: thresholds stay in intuitive units.
                mag[y0 + x] = (float) Math.sqrt(gx * gx + gy * gy) / 8f;
            }
        }
        return mag;
    }
}
