package dev.srp.contract;

import java.util.Objects;

/**
 * A run of the source's decoded audio, or the audio end marker. Audio skips the SR worker: ingest sends it
 * keyed by stream (one partition, in order) and egress muxes it back beside the upscaled video.
 *
 * @param kind       chunk or end of audio
 * @param streamId   the stream this audio belongs to
 * @param sequence   0-based chunk number; for the end marker, the number of chunks sent (0: the source has no audio)
 * @param ptsMicros  presentation time of the first sample
 * @param sampleRate samples per second per channel
 * @param channels   channel count
 * @param samples    signed 16-bit little-endian PCM, channels interleaved (empty for the end marker)
 */
public record AudioChunk(Kind kind, String streamId, long sequence, long ptsMicros, int sampleRate, int channels,
                         byte[] samples) {

    public enum Kind { CHUNK, END_OF_AUDIO }

    public AudioChunk {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(samples, "samples");
        if (kind == Kind.CHUNK && (sampleRate <= 0 || channels <= 0 || samples.length % (2 * channels) != 0)) {
            throw new IllegalArgumentException("audio chunk needs a positive rate and channel count and whole "
                    + "16-bit frames, got rate " + sampleRate + ", " + channels + " channels, " + samples.length
                    + " bytes");
        }
    }

    public static AudioChunk chunk(String streamId, long sequence, long ptsMicros, int sampleRate, int channels,
                                   byte[] samples) {
        return new AudioChunk(Kind.CHUNK, streamId, sequence, ptsMicros, sampleRate, channels, samples);
    }

    /** The end marker; {@code chunkCount == 0} tells egress the source had no audio. */
    public static AudioChunk endOfAudio(String streamId, long chunkCount, int sampleRate, int channels) {
        return new AudioChunk(Kind.END_OF_AUDIO, streamId, chunkCount, 0, sampleRate, channels, new byte[0]);
    }

    public boolean isEnd() {
        return kind == Kind.END_OF_AUDIO;
    }

    public int sampleFrames() {
        return channels == 0 ? 0 : samples.length / (2 * channels);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AudioChunk a && kind == a.kind && streamId.equals(a.streamId) && sequence == a.sequence
                && ptsMicros == a.ptsMicros && sampleRate == a.sampleRate && channels == a.channels
                && java.util.Arrays.equals(samples, a.samples);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, streamId, sequence);
    }

    @Override
    public String toString() {
        return "AudioChunk[" + kind + " " + streamId + "#" + sequence + " " + sampleRate + "Hz x" + channels + " "
                + sampleFrames() + " samples]";
    }
}
