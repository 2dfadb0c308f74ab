package dev.srp.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srp.contract.AudioChunk;
import dev.srp.contract.DisplayInfo;
import dev.srp.contract.FrameMessage;
import dev.srp.contract.FrameRate;
import dev.srp.contract.PixelFormat;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StreamProgressTest {
    private static final FrameRate NTSC = new FrameRate(30000, 1001);
    private static final SourceInfo SOURCE = new SourceInfo(320, 180, NTSC, 900, true, 48_000, 2);

    @Test
    void followsWhatIsPublishedAndSurvivesTheTripThroughKafka() {
        StreamProgress p = StreamProgress.start(SOURCE);
        p = p.after(FrameMessage.frame("s", 0, 0, NTSC, 320, 180, PixelFormat.RGB24, 0, new byte[320 * 180 * 3]));
        p = p.after(FrameMessage.frame("s", 1, 33_367, NTSC, 320, 180, PixelFormat.RGB24, 1,
                new byte[320 * 180 * 3]));
        p = p.after(AudioChunk.chunk("s", 4, 0, 48_000, 2, new byte[40]));
        assertEquals(new StreamProgress(2, 5, 1, 33_367 + 33_367, 320, 180, NTSC, false), p);
        assertEquals(p, StreamProgress.fromBytes(p.toBytes()));

        StreamProgress ended = p.after(FrameMessage.endOfStream("s", 2, 66_734, NTSC));
        assertTrue(ended.ended());
        assertEquals(p.nextFrame(), ended.nextFrame());
        assertEquals(ended, StreamProgress.fromBytes(ended.toBytes()));
    }

    @Test
    void keepsTheDisplayInfoTheStreamBeganWith() {
        DisplayInfo portrait = new DisplayInfo(90, 4, 3, 1, 1, 1, true);
        StreamProgress p = StreamProgress.start(new SourceInfo(320, 180, NTSC, 900, true, 48_000, 2, portrait));
        p = p.after(FrameMessage.frame("s", 0, 0, NTSC, 320, 180, PixelFormat.RGB24, 0, new byte[320 * 180 * 3],
                portrait));
        assertEquals(portrait, p.display());
        assertEquals(p, StreamProgress.fromBytes(p.toBytes()));
        // a record without display info (none, or written before srp kept it) reads as NONE
        String plain = new String(StreamProgress.start(SOURCE).toBytes(), StandardCharsets.UTF_8);
        assertTrue(!plain.contains("display."), plain);
        assertEquals(DisplayInfo.NONE, StreamProgress.fromBytes(plain.getBytes(StandardCharsets.UTF_8)).display());
    }

    @Test
    void namesAFormatThatCannotContinueTheStream() {
        StreamProgress p = StreamProgress.start(SOURCE);
        assertNull(p.formatChange(SOURCE));
        assertEquals("640x360 frames (the stream has 320x180)",
                p.formatChange(new SourceInfo(640, 360, NTSC, 0, true, 48_000, 2)));
        assertEquals("25/1 fps (the stream has 30000/1001 fps)",
                p.formatChange(new SourceInfo(320, 180, new FrameRate(25, 1), 0, true, 48_000, 2)));
    }

    @Test
    void refusesARecordItCannotRead() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StreamProgress.fromBytes(new String(StreamProgress.start(SOURCE).toBytes(), StandardCharsets.UTF_8)
                        .replace("next.frame=0", "next.frame=x").getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("next.frame"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> StreamProgress.fromBytes("version=9\n".getBytes(StandardCharsets.UTF_8)));
    }
}
