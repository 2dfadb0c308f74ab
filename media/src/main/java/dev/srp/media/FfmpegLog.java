package dev.srp.media;

import org.bytedeco.ffmpeg.global.avutil;

/** FFmpeg prints every warning to stderr by default, which would break the progress bar; srp wants errors only. */
public final class FfmpegLog {
    private FfmpegLog() {
    }

    public static void errorsOnly() {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
    }

    public static void verbose() {
        avutil.av_log_set_level(avutil.AV_LOG_INFO);
    }
}
