package dev.srp.worker;

import dev.srp.contract.FrameMessage;
import dev.srp.contract.FrameRate;
import dev.srp.contract.PixelFormat;
import java.nio.file.Path;

/** Small LR frames with known pixels for the worker's tests. */
final class TestFrames {
    static final Path MODEL_X4 = Path.of("..", "models", "bicubic-x4-interim.pt");
    static final Path MODEL_X2 = Path.of("..", "models", "bicubic-x2-interim.pt");
    static final FrameRate RATE = new FrameRate(25, 1);
    static final int WIDTH = 32;
    static final int HEIGHT = 16;

    private TestFrames() {
    }

    static byte[] flat(int width, int height, int r, int g, int b) {
        byte[] px = new byte[width * height * 3];
        for (int i = 0; i < px.length; i += 3) {
            px[i] = (byte) r;
            px[i + 1] = (byte) g;
            px[i + 2] = (byte) b;
        }
        return px;
    }

    /** Red rises 4 per column, green 3 per row, blue constant: a linear ramp bicubic must reproduce inside. */
    static byte[] ramp(int width, int height) {
        byte[] px = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = (y * width + x) * 3;
                px[i] = (byte) (20 + 4 * x);
                px[i + 1] = (byte) (10 + 3 * y);
                px[i + 2] = (byte) 77;
            }
        }
        return px;
    }

    /** A frame whose pixels depend on its index, so a mix-up between frames shows. */
    static FrameMessage frame(String stream, long shot, long index) {
        int v = (int) (index * 19 % 256);
        return FrameMessage.frame(stream, index, index * 40_000, RATE, WIDTH, HEIGHT, PixelFormat.RGB24, shot,
                flat(WIDTH, HEIGHT, v, 255 - v, 128));
    }

    static int channel(byte[] px, int width, int x, int y, int c) {
        return px[(y * width + x) * 3 + c] & 0xff;
    }
}
