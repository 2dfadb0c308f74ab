package dev.srp.worker.masks;

import dev.srp.media.FfmpegLog;
import dev.srp.media.RgbFrames;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/** Frames for the mask preview and benchmark: decoded from a clip with JavaCV, or a photo cropped to 16:9. */
final class SampleFrames {
    private SampleFrames() {
    }

    /** Packed RGB24 copies of the frames at the given indices (ascending), decoded in order. */
    static List<byte[]> decode(Path clip, int... indices) throws IOException {
        FfmpegLog.errorsOnly();
        List<byte[]> frames = new ArrayList<>();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(clip.toFile())) {
            grabber.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
            grabber.start();
            int next = 0;
            for (int i = 0; next < indices.length; i++) {
                Frame frame = grabber.grabImage();
                if (frame == null) {
                    throw new IOException(clip + " has " + i + " frames; asked for frame " + indices[next]);
                }
                if (i == indices[next]) {
                    frames.add(RgbFrames.copyRgb(frame));
                    next++;
                }
            }
        }
        return frames;
    }

    /** Every frame of a clip, at most {@code limit}. */
    static List<byte[]> decodeAll(Path clip, int limit) throws IOException {
        FfmpegLog.errorsOnly();
        List<byte[]> frames = new ArrayList<>();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(clip.toFile())) {
            grabber.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
            grabber.start();
            for (Frame f = grabber.grabImage(); f != null && frames.size() < limit; f = grabber.grabImage()) {
                frames.add(RgbFrames.copyRgb(f));
            }
        }
        return frames;
    }

    /** A photo centre-cropped to the aspect of {@code width x height} and scaled to it (bicubic), as RGB24. */
    static byte[] photo(Path file, int width, int height) throws IOException {
        BufferedImage src = ImageIO.read(file.toFile());
        if (src == null) {
            throw new IOException("not an image ImageIO can read: " + file);
        }
        double aspect = (double) width / height;
        int cw = Math.min(src.getWidth(), (int) Math.round(src.getHeight() * aspect));
        int ch = (int) Math.round(cw / aspect);
        int cx = (src.getWidth() - cw) / 2;
        int cy = (src.getHeight() - ch) / 2;
        BufferedImage dst = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = dst.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.drawImage(src, 0, 0, width, height, cx, cy, cx + cw, cy + ch, null);
        g.dispose();
        return RgbFrames.fromImage(dst);
    }

}
