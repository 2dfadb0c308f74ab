package dev.srp.egress;

import dev.srp.contract.FrameRate;
import java.nio.file.Path;

/**
 * What one finished stream produced.
 *
 * @param streamId          the stream
 * @param output            the complete output file
 * @param frames            video frames written
 * @param duplicatesDropped frame records dropped because that frame was already written or buffered
 * @param audioChunks       audio chunks muxed (0: the source had no audio)
 * @param width             output width in pixels
 * @param height            output height in pixels
 * @param frameRate         the source frame rate, kept in the output
 */
public record EgressResult(String streamId, Path output, long frames, long duplicatesDropped, long audioChunks,
                           int width, int height, FrameRate frameRate) {
}
