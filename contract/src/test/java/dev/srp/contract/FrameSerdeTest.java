package dev.srp.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FrameSerdeTest {
    private static final FrameRate PAL = new FrameRate(25, 1);

    /** A 2x1 RGB frame, so the golden bytes stay readable. */
    private static FrameMessage tinyFrame() {
        return FrameMessage.frame("cam", 7, 280_000, PAL, 2, 1, PixelFormat.RGB24, 3,
                new byte[] {1, 2, 3, (byte) 250, (byte) 251, (byte) 252});
    }

    // magic SRF, v1, kind 0, id len 3 "cam", index 7, pts 280000, 25/1, 2x1, fmt 1, shot 3, count -1,
    // codec 0 (raw), 6 payload bytes
    private static final String TINY_RAW_GOLDEN = "535246" + "01" + "00" + "0003" + "63616d"
            + "0000000000000007" + "00000000000445c0" + "00000019" + "00000001" + "00000002" + "00000001" + "01"
            + "0000000000000003" + "ffffffffffffffff" + "00" + "00000006" + "010203fafbfc";

    @Test
    void rawFrameMatchesGoldenBytes() {
        byte[] bytes = new FrameSerde(PayloadCodec.RAW).serialize("t", tinyFrame());
        assertEquals(TINY_RAW_GOLDEN, HexFormat.of().formatHex(bytes));
    }

    @Test
    void goldenBytesDecode() {
        FrameMessage m = FrameSerde.defaultCodec().deserialize("t", HexFormat.of().parseHex(TINY_RAW_GOLDEN));
        assertEquals(tinyFrame(), m);
        assertEquals("cam/shot-3", m.key());
    }

    @Test
    void aFrameToUpscaleLaterIsVersionTwoWithItsFactorAfterFrameCount() {
        FrameMessage late = tinyFrame().upscaledLater(4);
        String golden = "535246" + "02" + TINY_RAW_GOLDEN.substring(8, TINY_RAW_GOLDEN.indexOf("ffffffffffffffff") + 16)
                + "04" + "00" + "00000006" + "010203fafbfc";
        byte[] bytes = new FrameSerde(PayloadCodec.RAW).serialize("t", late);
        assertEquals(golden, HexFormat.of().formatHex(bytes));
        FrameMessage back = FrameSerde.defaultCodec().deserialize("t", bytes);
        assertEquals(late, back);
        assertEquals(4, back.upscaleBy());
        assertEquals(8, back.outputWidth());
        assertEquals(4, back.outputHeight());
        // the worker's own HR output is final again
        assertEquals(1, back.withPixels(2, 1, back.pixels()).upscaleBy());
    }

    @Test
    void aFrameWithDisplayInfoIsVersionThreeWithItsBlockAfterUpscaleBy() {
        DisplayInfo portrait = new DisplayInfo(90, 4, 3, 1, 1, 1, true);
        FrameMessage rotated = FrameMessage.frame("cam", 7, 280_000, PAL, 2, 1, PixelFormat.RGB24, 3,
                new byte[] {1, 2, 3, (byte) 250, (byte) 251, (byte) 252}, portrait);
        // rotation 90, SAR 4:3, BT.709 primaries, transfer and matrix, flags 1 (variable frame rate)
        String golden = "535246" + "03" + TINY_RAW_GOLDEN.substring(8, TINY_RAW_GOLDEN.indexOf("ffffffffffffffff") + 16)
                + "01" + "005a" + "00000004" + "00000003" + "01" + "01" + "01" + "01"
                + "00" + "00000006" + "010203fafbfc";
        byte[] bytes = new FrameSerde(PayloadCodec.RAW).serialize("t", rotated);
        assertEquals(golden, HexFormat.of().formatHex(bytes));
        FrameMessage back = FrameSerde.defaultCodec().deserialize("t", bytes);
        assertEquals(rotated, back);
        assertEquals(portrait, back.display());
        // the worker's output and a frame it leaves to egress keep the source's display info
        assertEquals(portrait, back.withPixels(2, 1, back.pixels()).display());
        FrameMessage late = back.upscaledLater(2);
        FrameMessage lateBack = FrameSerde.defaultCodec().deserialize("t",
                FrameSerde.defaultCodec().serialize("t", late));
        assertEquals(late, lateBack);
        assertEquals(2, lateBack.upscaleBy());
        assertEquals(portrait, lateBack.display());
    }

    @Test
    void negativeRotationsAndOtherColourCodesRoundTrip() {
        DisplayInfo info = new DisplayInfo(-90, 40, 33, 9, 16, 9, false);
        FrameMessage m = FrameMessage.frame("cam", 0, 0, PAL, 2, 1, PixelFormat.RGB24, 0, new byte[6], info);
        assertEquals(info, FrameSerde.defaultCodec().deserialize("t", FrameSerde.defaultCodec().serialize("t", m))
                .display());
    }

    @Test
    void withoutDisplayInfoTheBytesStayVersionOne() {
        FrameMessage plain = FrameMessage.frame("cam", 7, 280_000, PAL, 2, 1, PixelFormat.RGB24, 3,
                new byte[] {1, 2, 3, (byte) 250, (byte) 251, (byte) 252}, DisplayInfo.NONE);
        assertEquals(TINY_RAW_GOLDEN, HexFormat.of().formatHex(new FrameSerde(PayloadCodec.RAW).serialize("t", plain)));
        assertEquals(DisplayInfo.NONE, FrameSerde.defaultCodec()
                .deserialize("t", HexFormat.of().parseHex(TINY_RAW_GOLDEN)).display());
    }

    @Test
    void displayInfoNormalisesWhatFfmpegReports() {
        assertEquals(DisplayInfo.NONE, DisplayInfo.of(Double.NaN, 0, 1, 0, 2, 0, false));
        assertEquals(new DisplayInfo(-90, 4, 3, 1, 1, 1, false), DisplayInfo.of(270.0000001, 8, 6, 1, 1, 1, false));
        assertEquals(180, DisplayInfo.of(-180, 1, 1, 2, 2, 2, false).rotationDegrees());
        assertEquals(90, DisplayInfo.of(89.6, 1, 1, 2, 2, 2, false).rotationDegrees());
    }

    @Test
    void rejectsAnImpossibleUpscaleFactor() {
        byte[] bytes = new FrameSerde(PayloadCodec.RAW).serialize("t", tinyFrame().upscaledLater(4));
        bytes[TINY_RAW_GOLDEN.indexOf("ffffffffffffffff") / 2 + 8] = 0; // upscaleBy 0
        MalformedMessageException e = assertThrows(MalformedMessageException.class,
                () -> FrameSerde.defaultCodec().deserialize("t", bytes));
        assertTrue(e.getMessage().contains("upscaleBy"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> tinyFrame().upscaledLater(FrameMessage.MAX_UPSCALE_BY + 1));
    }

    @Test
    void endOfStreamMatchesGoldenBytes() {
        FrameMessage eos = FrameMessage.endOfStream("cam", 190, 7_600_000, new FrameRate(30000, 1001));
        String golden = "535246" + "01" + "01" + "0003" + "63616d" + "00000000000000be" + "000000000073f780"
                + "00007530" + "000003e9" + "00000000" + "00000000" + "01" + "0000000000000000" + "00000000000000be"
                + "00" + "00000000";
        assertEquals(golden, HexFormat.of().formatHex(new FrameSerde(PayloadCodec.RAW).serialize("t", eos)));
        FrameMessage back = FrameSerde.defaultCodec().deserialize("t", HexFormat.of().parseHex(golden));
        assertTrue(back.isEndOfStream());
        assertEquals(190, back.frameCount());
        assertEquals("cam/end", back.key());
    }

    @Test
    void deltaZstdRoundTripIsLosslessAndSmallerOnSmoothImages() {
        int w = 320;
        int h = 180;
        byte[] px = new byte[w * h * 3];
        Random r = new Random(1);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = (y * w + x) * 3;
                px[p] = (byte) (x * 255 / w);
                px[p + 1] = (byte) (y * 255 / h + r.nextInt(3));
                px[p + 2] = (byte) ((x + y) / 3);
            }
        }
        FrameMessage m = FrameMessage.frame("s", 0, 0, PAL, w, h, PixelFormat.RGB24, 0, px);
        byte[] bytes = new FrameSerde(PayloadCodec.DELTA_ZSTD).serialize("t", m);
        assertTrue(bytes.length < px.length / 3, "compressed to " + bytes.length + " of " + px.length);
        FrameMessage back = new FrameSerde(PayloadCodec.RAW).deserialize("t", bytes);
        assertArrayEquals(px, back.pixels());
        assertEquals(m, back);
    }

    @Test
    void rejectsGarbageAsMalformed() {
        FrameSerde serde = FrameSerde.defaultCodec();
        assertThrows(MalformedMessageException.class, () -> serde.deserialize("t", "hello world".getBytes()));
        byte[] good = new FrameSerde(PayloadCodec.RAW).serialize("t", tinyFrame());
        assertThrows(MalformedMessageException.class,
                () -> serde.deserialize("t", Arrays.copyOf(good, good.length - 2)));
        byte[] future = good.clone();
        future[3] = 9;
        MalformedMessageException e = assertThrows(MalformedMessageException.class,
                () -> serde.deserialize("t", future));
        assertTrue(e.getMessage().contains("version 9"), e.getMessage());
    }

    @Test
    void rejectsImpossibleFrameSize() {
        byte[] good = new FrameSerde(PayloadCodec.RAW).serialize("t", tinyFrame());
        byte[] huge = good.clone();
        // width field sits after magic(3) version(1) kind(1) idlen(2) id(3) index(8) pts(8) rate(8)
        int widthAt = 3 + 1 + 1 + 2 + 3 + 8 + 8 + 8;
        huge[widthAt] = 0x7f;
        assertThrows(MalformedMessageException.class, () -> FrameSerde.defaultCodec().deserialize("t", huge));
    }
}
