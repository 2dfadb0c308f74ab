package dev.srp.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.srp.contract.AudioChunk;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AudioChunkerTest {
    private static final int RATE = 48_000;

    /** n stereo sample frames whose bytes count up from {@code start}, so order mistakes show. */
    private static byte[] pcm(int start, int n) {
        byte[] b = new byte[n * 4];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (start + i);
        }
        return b;
    }

    @Test
    void regroupsPacketsIntoFixedChunksWithoutLosingOrReorderingBytes() {
        AudioChunker chunker = new AudioChunker("s", RATE, 2, 200);
        List<AudioChunk> chunks = new ArrayList<>();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        int packet = 1024;
        for (int p = 0; p < 25; p++) {
            byte[] data = pcm(p * packet * 4, packet);
            all.writeBytes(data);
            chunks.addAll(chunker.add(data, p * packet * 1_000_000L / RATE));
        }
        AudioChunk last = chunker.flush();
        chunks.add(last);
        assertEquals(3, chunks.size(), "25600 frames = two full 9600-frame chunks and a rest");
        assertEquals(9600, chunks.get(0).sampleFrames());
        assertEquals(25600 - 2 * 9600, last.sampleFrames());
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (int i = 0; i < chunks.size(); i++) {
            assertEquals(i, chunks.get(i).sequence());
            assertEquals(i * 200_000L, chunks.get(i).ptsMicros(), 21, "chunk " + i + " pts");
            joined.writeBytes(chunks.get(i).samples());
        }
        assertArrayEquals(all.toByteArray(), joined.toByteArray());
        assertEquals(3, chunker.chunkCount());
        assertNull(chunker.flush());
    }

    @Test
    void chunkTimeFollowsTheSourceAcrossAGap() {
        AudioChunker chunker = new AudioChunker("s", RATE, 2, 100);
        chunker.add(pcm(0, 4800), 0);
        List<AudioChunk> after = chunker.add(pcm(0, 4800), 5_000_000);
        assertEquals(5_000_000, after.get(0).ptsMicros());
    }
}
