package dev.srp.media;

import java.nio.ByteBuffer;
import org.bytedeco.javacv.Frame;

/** Copies between JavaCV frames (which pad rows and are reused by the grabber) and packed RGB24 byte arrays. */
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
