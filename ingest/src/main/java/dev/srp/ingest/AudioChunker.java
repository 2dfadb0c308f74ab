package dev.srp.ingest;

import dev.srp.contract.AudioChunk;
import java.util.ArrayList;
import java.util.List;

/**
 * Regroups decoded audio (whatever packet sizes the codec uses) into chunks of a fixed duration, so egress gets
 * a steady number of records per second. Each chunk's time is anchored to the source timestamp of its first
 * sample, so a gap in the source stays a gap.
 */
final class AudioChunker {
    private final String streamId;
    private final int sampleRate;
    private final int channels;
    private final int bytesPerFrame;
    private final byte[] buffer;
    private int filled;
    private long chunkPts;
    private long sequence;

    AudioChunker(String streamId, int sampleRate, int channels, int chunkMillis) {
        if (sampleRate <= 0 || channels <= 0 || chunkMillis <= 0) {
            throw new IllegalArgumentException("audio chunker needs a positive rate, channel count and duration");
        }
        this.streamId = streamId;
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.bytesPerFrame = 2 * channels;
        this.buffer = new byte[Math.max(1, sampleRate * chunkMillis / 1000) * bytesPerFrame];
    }

    /** Numbers chunks on from {@code nextSequence}: a resumed stream continues its audio sequence. */
    void continueAt(long nextSequence) {
        sequence = nextSequence;
    }

    /** Adds interleaved s16le samples starting at {@code ptsMicros}; returns the chunks that filled up. */
    List<AudioChunk> add(byte[] pcm, long ptsMicros) {
        List<AudioChunk> full = new ArrayList<>(1);
        int offset = 0;
        while (offset < pcm.length) {
            if (filled == 0) {
                chunkPts = ptsMicros + (long) (offset / bytesPerFrame) * 1_000_000L / sampleRate;
            }
            int n = Math.min(buffer.length - filled, pcm.length - offset);
            System.arraycopy(pcm, offset, buffer, filled, n);
            filled += n;
            offset += n;
            if (filled == buffer.length) {
                full.add(emit());
            }
        }
        return full;
    }

    /** The partly filled last chunk, or null when nothing is buffered. */
    AudioChunk flush() {
        return filled < bytesPerFrame ? null : emit();
    }

    /** Chunks emitted so far: the count the end-of-audio marker carries. */
    long chunkCount() {
        return sequence;
    }

    private AudioChunk emit() {
        int whole = filled - filled % bytesPerFrame;
        byte[] samples = java.util.Arrays.copyOf(buffer, whole);
        filled = 0;
        return AudioChunk.chunk(streamId, sequence++, chunkPts, sampleRate, channels, samples);
    }
}
