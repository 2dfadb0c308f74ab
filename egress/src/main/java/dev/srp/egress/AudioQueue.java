package dev.srp.egress;

import dev.srp.contract.AudioChunk;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * One stream's audio chunks waiting to be muxed, in sequence order. Audio is small next to HR video, so chunks
 * wait in memory until the video has caught up with their presentation time.
 */
final class AudioQueue {
    private final TreeMap<Long, AudioChunk> waiting = new TreeMap<>();
    private long nextSequence;
    private long expectedChunks = -1;
    private int sampleRate;
    private int channels;

    /**
     * Adds a chunk or the end marker; false when it is a duplicate. A chunk whose rate or channel count differs
     * from the stream's throws, because the stream could never be completed without it.
     */
    boolean offer(AudioChunk chunk) {
        if (chunk.isEnd()) {
            if (expectedChunks >= 0) {
                return false;
            }
            expectedChunks = chunk.sequence();
            if (expectedChunks > 0 && sampleRate == 0 && chunk.sampleRate() > 0 && chunk.channels() > 0) {
                sampleRate = chunk.sampleRate();
                channels = chunk.channels();
            }
            return true;
        }
        if (chunk.sequence() < nextSequence || waiting.containsKey(chunk.sequence())
                || expectedChunks >= 0 && chunk.sequence() >= expectedChunks) {
            return false;
        }
        if (sampleRate == 0) {
            sampleRate = chunk.sampleRate();
            channels = chunk.channels();
        } else if (chunk.sampleRate() != sampleRate || chunk.channels() != channels) {
            throw new IllegalArgumentException("audio chunk " + chunk.sequence() + " is " + chunk.sampleRate()
                    + " Hz x" + chunk.channels() + " but the stream started at " + sampleRate + " Hz x" + channels);
        }
        waiting.put(chunk.sequence(), chunk);
        return true;
    }

    /** Whether the encoder can be opened: the audio format is known, or the source has no audio. */
    boolean formatKnown() {
        return sampleRate > 0 || expectedChunks == 0;
    }

    boolean hasAudio() {
        return sampleRate > 0;
    }

    int sampleRate() {
        return sampleRate;
    }

    int channels() {
        return channels;
    }

    /** The end marker arrived and every chunk it counts has been taken or is waiting. */
    boolean complete() {
        return expectedChunks >= 0 && nextSequence + contiguousWaiting() >= expectedChunks;
    }

    /** The next chunks in sequence that start at or before {@code ptsMicros}. */
    List<AudioChunk> takeUpTo(long ptsMicros) {
        List<AudioChunk> out = new ArrayList<>();
        AudioChunk next;
        while ((next = waiting.get(nextSequence)) != null && next.ptsMicros() <= ptsMicros) {
            out.add(waiting.remove(nextSequence++));
        }
        return out;
    }

    /** Every chunk left that follows the ones already taken without a gap. */
    List<AudioChunk> takeAll() {
        return takeUpTo(Long.MAX_VALUE);
    }

    private long contiguousWaiting() {
        long n = 0;
        while (waiting.containsKey(nextSequence + n)) {
            n++;
        }
        return n;
    }
}
