package dev.srp.ingest;

import dev.srp.media.FfmpegLog;
import dev.srp.media.RgbFrames;
import dev.srp.media.SyntheticClip;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Writes a synthetic clip as H.264 in MPEG-TS to a file or a URL (udp://), optionally at the clip's frame rate, as
 * a camera or an HLS packager would. Every frame is a key frame, so a receiver that joins late decodes at once.
 */
final class MpegTsSender {
    private MpegTsSender() {
    }

    static void send(SyntheticClip clip, int firstFrame, int frames, String url, boolean realTime)
            throws FrameRecorder.Exception, InterruptedException {
        FfmpegLog.errorsOnly();
        try (FFmpegFrameRecorder rec = new FFmpegFrameRecorder(url, clip.width(), clip.height(), 0)) {
            rec.setFormat("mpegts");
            rec.setFrameRate(clip.fps());
            rec.setVideoCodec(avcodec.AV_CODEC_ID_H264);
            rec.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            rec.setGopSize(1);
            rec.setVideoOption("crf", "12");
            rec.setVideoOption("preset", "ultrafast");
            rec.setVideoOption("tune", "zerolatency");
            rec.start();
            long start = System.nanoTime();
            for (int k = 0; k < frames; k++) {
                int i = firstFrame + k;
                if (realTime) {
                    long due = start + k * 1_000_000_000L / clip.fps();
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
                rec.setTimestamp(k * 1_000_000L / clip.fps());
                rec.record(RgbFrames.toFrame(clip.pixels(i), clip.width(), clip.height()), avutil.AV_PIX_FMT_RGB24);
            }
            rec.stop();
        }
    }
}
