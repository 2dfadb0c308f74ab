package dev.srp.bench;

/** Y-PSNR of two packed RGB24 frames: luma by BT.601's weights on full-range values, peak 255. */
public final class YPsnr {
    private YPsnr() {
    }

    /** Over the whole frame. */
    public static double of(byte[] a, byte[] b) {
        return of(a, b, a.length / 3, 1, 0);
    }

    /** Leaving out {@code border} pixels at each edge of a {@code width x height} frame, as the model card scores. */
    public static double of(byte[] a, byte[] b, int width, int height, int border) {
        if (a.length != b.length || a.length != width * height * 3) {
            throw new IllegalArgumentException("frames of " + a.length + " and " + b.length + " bytes for "
                    + width + "x" + height);
        }
        double se = 0;
        long n = 0;
        for (int y = border; y < height - border; y++) {
            for (int x = border; x < width - border; x++) {
                int i = (y * width + x) * 3;
                double d = luma(a, i) - luma(b, i);
                se += d * d;
                n++;
            }
        }
        double mse = se / n;
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse);
    }

    private static double luma(byte[] rgb, int i) {
        return 0.299 * (rgb[i] & 0xff) + 0.587 * (rgb[i + 1] & 0xff) + 0.114 * (rgb[i + 2] & 0xff);
    }
}
