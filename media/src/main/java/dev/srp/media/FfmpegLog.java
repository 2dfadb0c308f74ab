package dev.srp.media;

import org.bytedeco.ffmpeg.global.avutil;

/**
 * FFmpeg prints every warning to stderr by default, which would break the progress bar; srp wants errors only, and
 * none at all where its own error line already says what went wrong (the srp command line without --verbose sets
 * {@value #QUIET_PROPERTY}).
 */
public final class FfmpegLog {
    /** System property: {@code true} silences FFmpeg's own log, errors included. */
    public static final String QUIET_PROPERTY = "srp.ffmpeg.quiet";

    private FfmpegLog() {
    }

    public static void errorsOnly() {
        avutil.av_log_set_level(Boolean.getBoolean(QUIET_PROPERTY) ? avutil.AV_LOG_QUIET : avutil.AV_LOG_ERROR);
    }

    public static void verbose() {
        avutil.av_log_set_level(avutil.AV_LOG_INFO);
    }
}
