package dev.srp.testsupport;

import dev.srp.media.FfmpegLog;
import dev.srp.media.RgbFrames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Writes a synthetic clip as H.264 in MPEG-TS to a file or a URL (udp://), optionally at the clip's frame rate, as
 * a camera or an HLS packager would. For tests and demos of live input. Every frame is a key frame, so a receiver
 * that joins late decodes at once.
 *
 * <p>Open it before the receiver starts listening: JavaCV serialises every grabber's and recorder's start on one
 * JVM-wide lock, and a grabber waiting for a live source holds that lock until data comes.
 */
public final class MpegTsSender implements AutoCloseable {
    private final SyntheticClip clip;
    private final FFmpegFrameRecorder recorder;
    private long sent;

    private MpegTsSender(SyntheticClip clip, FFmpegFrameRecorder recorder) {
        this.clip = clip;
        this.recorder = recorder;
    }

    public static MpegTsSender open(SyntheticClip clip, String url) throws FrameRecorder.Exception {
        FfmpegLog.errorsOnly();
        FFmpegFrameRecorder rec = new FFmpegFrameRecorder(url, clip.width(), clip.height(), 0);
        rec.setFormat("mpegts");
        rec.setFrameRate(clip.fps());
        rec.setVideoCodec(avcodec.AV_CODEC_ID_H264);
        rec.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
        rec.setGopSize(1);
        rec.setVideoOption("crf", "12");
        rec.setVideoOption("preset", "ultrafast");
        rec.setVideoOption("tune", "zerolatency");
        rec.start();
        return new MpegTsSender(clip, rec);
    }

    /** The whole clip into an MPEG-TS file, as fast as it encodes. */
    public static void write(SyntheticClip clip, Path file) throws FrameRecorder.Exception, InterruptedException {
        try (MpegTsSender sender = open(clip, file.toString())) {
            sender.send(0, clip.frames(), false);
        }
    }

    /** Sends clip frames {@code first..first+count-1}; timestamps go on from what this sender sent before. */
    public void send(int first, int count, boolean realTime) throws FrameRecorder.Exception, InterruptedException {
        long start = System.nanoTime();
        for (int k = 0; k < count; k++) {
            if (realTime) {
                long wait = start + k * 1_000_000_000L / clip.fps() - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
            recorder.setTimestamp(sent * 1_000_000L / clip.fps());
            recorder.record(RgbFrames.toFrame(clip.pixels(first + k), clip.width(), clip.height()),
                    avutil.AV_PIX_FMT_RGB24);
            sent++;
        }
    }

    /**
     * Waits until some socket of this machine is bound to UDP {@code port} (read from /proc/net/udp, Linux only:
     * probing by binding the port ourselves would steal it from the receiver); false after {@code maxMillis}.
     * A camera that sends before anyone listens is lost.
     */
    public static boolean awaitUdpListener(int port, long maxMillis) throws IOException, InterruptedException {
        String local = String.format(":%04X ", port);
        long deadline = System.nanoTime() + maxMillis * 1_000_000L;
        while (System.nanoTime() < deadline) {
            for (String table : new String[] {"/proc/net/udp", "/proc/net/udp6"}) {
                Path path = Path.of(table);
                if (Files.exists(path) && Files.readAllLines(path).stream().skip(1)
                        .map(line -> line.trim().split("\\s+"))
                        .anyMatch(f -> f.length > 1 && (f[1] + " ").endsWith(local))) {
                    return true;
                }
            }
            Thread.sleep(50);
        }
        return false;
    }

    @Override
    public void close() throws FrameRecorder.Exception {
        recorder.stop();
        recorder.release();
    }
}
