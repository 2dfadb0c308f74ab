package dev.srp.bench;

import com.github.luben.zstd.Zstd;
import dev.srp.contract.FrameMessage;
import dev.srp.contract.FrameRate;
import dev.srp.contract.FrameSerde;
import dev.srp.contract.PayloadCodec;
import dev.srp.contract.PixelFormat;
import dev.srp.contract.SrpException;
import dev.srp.media.FfmpegLog;
import dev.srp.media.RgbFrames;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameFilter;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/**
 * How big and how costly each frame payload encoding is on real upscaled frames (the input bicubic-scaled by FFmpeg
 * to HR sizes), the measurement behind the default in docs/payload-encoding.md; {@code srp bench-payload} runs it.
 */
public final class PayloadBench {
    private final String input;
    private final int frames;

    /** @param frames frames measured per size */
    public PayloadBench(String input, int frames) {
        this.input = input;
        this.frames = frames;
    }

    /** Prints one table row per size and encoding. */
    public void run() {
        System.out.printf(Locale.ROOT, "%-11s %-10s %10s %8s %10s %10s%n", "size", "encoding", "bytes/frame",
                "ratio", "encode ms", "decode ms");
        for (int[] size : new int[][] {{1280, 720}, {1920, 1080}, {3840, 2160}}) {
            List<byte[]> hr = scaledFrames(size[0], size[1]);
            for (String encoding : new String[] {"raw", "zstd1", "delta+zstd1"}) {
                measure(encoding, hr, size[0], size[1]);
            }
        }
    }

    private void measure(String encoding, List<byte[]> hr, int w, int h) {
        FrameRate rate = new FrameRate(25, 1);
        long bytes = 0;
        long encodeNanos = 0;
        long decodeNanos = 0;
        FrameSerde raw = new FrameSerde(PayloadCodec.RAW);
        FrameSerde delta = new FrameSerde(PayloadCodec.DELTA_ZSTD);
        for (byte[] px : hr) {
            FrameMessage m = FrameMessage.frame("bench", 0, 0, rate, w, h, PixelFormat.RGB24, 0, px);
            long t0 = System.nanoTime();
            byte[] wire = switch (encoding) {
                case "raw" -> raw.serialize("t", m);
                case "zstd1" -> Zstd.compress(px, 1);
                default -> delta.serialize("t", m);
            };
            long t1 = System.nanoTime();
            if (encoding.equals("zstd1")) {
                Zstd.decompress(wire, px.length);
            } else {
                raw.deserialize("t", wire);
            }
            long t2 = System.nanoTime();
            bytes += wire.length;
            encodeNanos += t1 - t0;
            decodeNanos += t2 - t1;
        }
        int n = hr.size();
        System.out.printf(Locale.ROOT, "%-11s %-10s %10d %7.2fx %10.1f %10.1f%n", w + "x" + h, encoding, bytes / n,
                (double) w * h * 3 * n / bytes, encodeNanos / 1e6 / n, decodeNanos / 1e6 / n);
    }

    private List<byte[]> scaledFrames(int w, int h) {
        FfmpegLog.errorsOnly();
        List<byte[]> out = new ArrayList<>();
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(input)) {
            g.start();
            try (FFmpegFrameFilter f = new FFmpegFrameFilter("scale=" + w + ":" + h + ":flags=bicubic,format=rgb24",
                    g.getImageWidth(), g.getImageHeight())) {
                f.setPixelFormat(g.getPixelFormat());
                f.start();
                for (Frame frame; out.size() < frames && (frame = g.grabImage()) != null; ) {
                    f.push(frame);
                    for (Frame s; (s = f.pull()) != null; ) {
                        out.add(RgbFrames.copyRgb(s));
                    }
                }
            }
        } catch (Exception e) {
            throw new SrpException("cannot decode " + input + ": " + e.getMessage(), "pass a video file", e);
        }
        return out;
    }
}
