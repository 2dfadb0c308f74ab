package dev.srp.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class AudioChunkSerdeTest {
    private final AudioChunkSerde serde = new AudioChunkSerde();

    @Test
    void chunkMatchesGoldenBytes() {
        AudioChunk a = AudioChunk.chunk("cam", 2, 40_000, 48_000, 2, new byte[] {1, 0, 2, 0});
        String golden = "535241" + "01" + "00" + "0003" + "63616d" + "0000000000000002" + "0000000000009c40"
                + "0000bb80" + "00000002" + "00000004" + "01000200";
        assertEquals(golden, HexFormat.of().formatHex(serde.serialize("t", a)));
        assertEquals(a, serde.deserialize("t", HexFormat.of().parseHex(golden)));
        assertEquals(1, a.sampleFrames());
    }

    @Test
    void endMarkerRoundTrips() {
        AudioChunk end = AudioChunk.endOfAudio("cam", 0, 0, 0);
        AudioChunk back = serde.deserialize("t", serde.serialize("t", end));
        assertTrue(back.isEnd());
        assertEquals(0, back.sequence());
    }

    @Test
    void rejectsGarbage() {
        assertThrows(MalformedMessageException.class, () -> serde.deserialize("t", new byte[] {'S', 'R', 'A', 1}));
        assertThrows(MalformedMessageException.class, () -> serde.deserialize("t", "nope".getBytes()));
    }
}
