package dev.srp.egress;

import dev.srp.media.FfmpegLog;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacv.FFmpegFrameGrabber;

/**
 * Each finished output carries the id of the stream it holds in its container metadata. A restarted egress that
 * re-reads a stream skips it only when the file at its output path is that stream's finished output; a file left by
 * another run (the same path reused for a new upscale) is overwritten instead.
 */
final class OutputStamp {
    static final String METADATA_KEY = "comment";
    private static final String PREFIX = "srp-stream:";

    private OutputStamp() {
    }

    static String valueFor(String streamId) {
        return PREFIX + streamId;
    }

    static boolean isFinishedOutputOf(Path output, String streamId) {
        if (!Files.isRegularFile(output)) {
            return false;
        }
        FfmpegLog.errorsOnly();
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(output.toFile())) {
            g.start();
            return valueFor(streamId).equals(g.getMetadata(METADATA_KEY));
        } catch (Exception e) {
            // unreadable: certainly not a finished output of ours
            return false;
        }
    }
}
