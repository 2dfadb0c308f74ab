package dev.srp.egress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srp.contract.AudioChunk;
import java.util.List;
import org.junit.jupiter.api.Test;

class AudioQueueTest {
    private static AudioChunk chunk(long seq) {
        return AudioChunk.chunk("s", seq, seq * 20_000, 48_000, 2, new byte[960 * 4]);
    }

    private static List<Long> sequences(List<AudioChunk> chunks) {
        return chunks.stream().map(AudioChunk::sequence).toList();
    }

    @Test
    void releasesChunksInSequenceUpToTheVideoTime() {
        AudioQueue q = new AudioQueue();
        assertFalse(q.formatKnown());
        assertTrue(q.offer(chunk(1)));
        assertTrue(q.formatKnown());
        assertEquals(48_000, q.sampleRate());
        assertEquals(List.of(), q.takeUpTo(1_000_000), "chunk 0 is missing, so nothing may pass");
        assertTrue(q.offer(chunk(0)));
        assertTrue(q.offer(chunk(2)));
        assertEquals(List.of(0L, 1L), sequences(q.takeUpTo(20_000)));
        assertEquals(List.of(2L), sequences(q.takeAll()));
    }

    @Test
    void dropsDuplicatesAndCompletesWhenTheEndMarkerCountIsReached() {
        AudioQueue q = new AudioQueue();
        q.offer(chunk(0));
        q.takeAll();
        assertFalse(q.offer(chunk(0)), "already taken");
        q.offer(chunk(1));
        assertFalse(q.offer(chunk(1)), "already waiting");
        assertTrue(q.offer(AudioChunk.endOfAudio("s", 3, 48_000, 2)));
        assertFalse(q.complete(), "chunk 2 has not arrived");
        q.offer(chunk(2));
        assertTrue(q.complete());
        assertFalse(q.offer(chunk(3)), "beyond the end marker's count");
    }

    @Test
    void anEndMarkerWithNoChunksMeansNoAudio() {
        AudioQueue q = new AudioQueue();
        q.offer(AudioChunk.endOfAudio("s", 0, 0, 0));
        assertTrue(q.formatKnown());
        assertFalse(q.hasAudio());
        assertTrue(q.complete());
    }

    @Test
    void aChunkInAnotherFormatIsRefused() {
        AudioQueue q = new AudioQueue();
        q.offer(chunk(0));
        assertThrows(IllegalArgumentException.class,
                () -> q.offer(AudioChunk.chunk("s", 1, 20_000, 44_100, 2, new byte[16])));
    }
}
