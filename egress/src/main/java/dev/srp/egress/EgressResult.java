package dev.srp.egress;

import dev.srp.contract.FrameRate;
import dev.srp.media.UrlCredentials;
import java.nio.file.Path;

/**
 * What one finished stream produced.
 *
 * @param streamId          the stream
 * @param output            the complete output file, or the URL the stream was pushed to
 * @param frames            video frames written
 * @param duplicatesDropped frame records dropped because that frame was already written or buffered
 * @param audioChunks       audio chunks muxed (0: the source had no audio)
 * @param width             output width in pixels
 * @param height            output height in pixels
 * @param frameRate         the source frame rate, kept in the output
 */
public record EgressResult(String streamId, String output, long frames, long duplicatesDropped, long audioChunks,
                           int width, int height, FrameRate frameRate) {
    /** The output as a file; only for outputs that are files (not pushed to a server). */
    public Path outputFile() {
        if (EgressConfig.isPushed(output)) {
            throw new IllegalStateException("stream " + streamId + " was pushed to a server, not written to a file");
        }
        return Path.of(output);
    }

    /** The output for messages: a push URL without its password. */
    public String shownOutput() {
        return UrlCredentials.redact(output);
    }
}
