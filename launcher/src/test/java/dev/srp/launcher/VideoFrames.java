package dev.srp.launcher;

import dev.srp.media.FfmpegLog;
import dev.srp.media.RgbFrames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameFilter;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/** Real video in and out of the tests, through FFmpeg: decoded frames, excerpts, scaled copies. */
final class VideoFrames {
    /** The sample clip: real night-city footage, 320x180, 190 frames, a hard cut at frame 116. */
    static final Path SAMPLE = SrpHome.path().resolve("samples/city-320x180.mp4");

    private VideoFrames() {
    }

    /** Every frame of {@code video} as packed RGB24, in presentation order. */
    static List<byte[]> decode(Path video) throws Exception {
        FfmpegLog.errorsOnly();
        List<byte[]> frames = new ArrayList<>();
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(video.toFile())) {
            g.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
            g.start();
            for (Frame f; (f = g.grabImage()) != null; ) {
                frames.add(RgbFrames.copyRgb(f));
            }
        }
        return frames;
    }

    /** Every frame of {@code video} scaled by FFmpeg with {@code filter}, as packed RGB24. */
    static List<byte[]> decodeScaled(Path video, String filter) throws Exception {
        FfmpegLog.errorsOnly();
        List<byte[]> frames = new ArrayList<>();
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(video.toFile())) {
            g.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
            g.start();
            try (FFmpegFrameFilter f = new FFmpegFrameFilter(filter + ",format=rgb24", g.getImageWidth(),
                    g.getImageHeight())) {
                f.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
                f.start();
                for (Frame in; (in = g.grabImage()) != null; ) {
                    f.push(in);
                    for (Frame out; (out = f.pull()) != null; ) {
                        frames.add(RgbFrames.copyRgb(out));
                    }
                }
            }
        }
        return frames;
    }

    /** {@code frames} frames of FFmpeg's lavfi source {@code graph} (e.g. {@code color=...,noise=...}), as FFV1. */
    static Path lavfi(String graph, int frames, Path out) throws Exception {
        FfmpegLog.errorsOnly();
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(graph)) {
            g.setFormat("lavfi");
            g.start();
            try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(out.toFile(), g.getImageWidth(),
                    g.getImageHeight(), 0)) {
                r.setFormat("matroska");
                r.setVideoCodecName("ffv1");
                r.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
                r.setFrameRate(g.getFrameRate());
                r.start();
                for (int i = 0; i < frames; i++) {
                    r.record(g.grabImage());
                }
            }
        }
        return out;
    }

    /**
     * Frames {@code from} (inclusive) to {@code to} (exclusive) of {@code source}, scaled by FFmpeg with
     * {@code filter} (e.g. {@code scale=224:128:flags=area}, or null to keep the size), as lossless FFV1 in
     * {@code out} (.mkv).
     */
    static Path excerpt(Path source, int from, int to, String filter, Path out) throws Exception {
        FfmpegLog.errorsOnly();
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(source.toFile())) {
            g.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
            g.start();
            int width = g.getImageWidth();
            int height = g.getImageHeight();
            FFmpegFrameFilter scale = null;
            if (filter != null) {
                scale = new FFmpegFrameFilter(filter + ",format=rgb24", width, height);
                scale.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
                scale.start();
            }
            FFmpegFrameRecorder r = null;
            try {
                int index = 0;
                for (Frame f; (f = g.grabImage()) != null && index < to; index++) {
                    if (index < from) {
                        continue;
                    }
                    Frame frame = f;
                    if (scale != null) {
                        scale.push(f);
                        frame = scale.pull();
                    }
                    if (r == null) {
                        r = new FFmpegFrameRecorder(out.toFile(), frame.imageWidth, frame.imageHeight, 0);
                        r.setFormat("matroska");
                        r.setVideoCodecName("ffv1");
                        r.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
                        r.setFrameRate(g.getFrameRate());
                        r.start();
                    }
                    r.record(frame);
                }
            } finally {
                if (r != null) {
                    r.close();
                }
                if (scale != null) {
                    scale.close();
                }
            }
        }
        return out;
    }
}
