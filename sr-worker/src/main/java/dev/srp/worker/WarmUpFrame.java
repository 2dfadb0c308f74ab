package dev.srp.worker;

/** A synthetic RGB24 frame for warming the model up: gradients and fine detail, so every kernel sees real work. */
final class WarmUpFrame {
    private WarmUpFrame() {
    }

    static byte[] texture(int width, int height) {
        byte[] rgb = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = (y * width + x) * 3;
                rgb[i] = (byte) (255 * x / Math.max(1, width - 1));
                rgb[i + 1] = (byte) (255 * y / Math.max(1, height - 1));
                rgb[i + 2] = (byte) (((x / 3 + y / 3) % 2) * 200 + 28);
            }
        }
        return rgb;
    }
}
