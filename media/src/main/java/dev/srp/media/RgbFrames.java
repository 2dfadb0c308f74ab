package dev.srp.media;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import org.bytedeco.javacv.Frame;

/**
 * Copies between JavaCV frames (which pad rows and are reused by the grabber), still images and packed RGB24 byte
 * arrays.
 */
public final class RgbFrames {
    private RgbFrames() {
    }

    /** A packed copy of a 3-channel 8-bit frame; safe to keep after the grabber's next grab. */
    public static byte[] copyRgb(Frame frame) {
        int w = frame.imageWidth;
        int h = frame.imageHeight;
        int rowBytes = w * 3;
        int stride = frame.imageStride;
        ByteBuffer src = ((ByteBuffer) frame.image[0]).duplicate();
        src.rewind();
        byte[] out = new byte[rowBytes * h];
        if (stride == rowBytes) {
            src.get(out);
        } else {
            for (int y = 0; y < h; y++) {
                src.position(y * stride);
                src.get(out, y * rowBytes, rowBytes);
            }
        }
        return out;
    }

    /** Packed RGB24 bytes of a still image (any BufferedImage type; alpha is dropped). */
    public static byte[] fromImage(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        byte[] rgb = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = img.getRGB(x, y);
                int o = (y * w + x) * 3;
                rgb[o] = (byte) (p >> 16);
                rgb[o + 1] = (byte) (p >> 8);
                rgb[o + 2] = (byte) p;
            }
        }
        return rgb;
    }

    /** A new JavaCV frame holding packed RGB24 pixels, for FFmpegFrameRecorder.record(frame, AV_PIX_FMT_RGB24). */
    public static Frame toFrame(byte[] rgb, int width, int height) {
        if (rgb.length != width * height * 3) {
            throw new IllegalArgumentException("expected " + width * height * 3 + " bytes for " + width + "x" + height
                    + " RGB24, got " + rgb.length);
        }
        Frame frame = new Frame(width, height, Frame.DEPTH_UBYTE, 3);
        ByteBuffer dst = (ByteBuffer) frame.image[0];
        int rowBytes = width * 3;
        if (frame.imageStride == rowBytes) {
            dst.position(0);
            dst.put(rgb);
        } else {
            for (int y = 0; y < height; y++) {
                dst.position(y * frame.imageStride);
                dst.put(rgb, y * rowBytes, rowBytes);
            }
        }
        dst.rewind();
        return frame;
    }
}
