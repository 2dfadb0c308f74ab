package dev.srp.ingest;

import dev.srp.contract.DisplayInfo;
import dev.srp.contract.FrameRate;

/**
 * What the opened source declares, reported before the first frame is published.
 *
 * @param width           video width in pixels
 * @param height          video height in pixels
 * @param frameRate       video frame rate
 * @param estimatedFrames frame count the container declares, or -1 when unknown (live sources)
 * @param hasAudio        whether an audio stream is published alongside
 * @param sampleRate      audio samples per second per channel (0 without audio)
 * @param channels        audio channel count (0 without audio)
 * @param display         rotation, pixel aspect, colour tags and whether the frame rate varies
 */
public record SourceInfo(int width, int height, FrameRate frameRate, long estimatedFrames, boolean hasAudio,
                         int sampleRate, int channels, DisplayInfo display) {
    public SourceInfo {
        java.util.Objects.requireNonNull(display, "display");
    }

    /** A source without display metadata. */
    public SourceInfo(int width, int height, FrameRate frameRate, long estimatedFrames, boolean hasAudio,
                      int sampleRate, int channels) {
        this(width, height, frameRate, estimatedFrames, hasAudio, sampleRate, channels, DisplayInfo.NONE);
    }
}
