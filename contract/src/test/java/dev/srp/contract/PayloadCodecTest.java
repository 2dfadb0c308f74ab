package dev.srp.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PayloadCodecTest {
    /** The filter's definition, byte by byte: each byte plus the decoded byte one pixel to its left. */
    private static byte[] unSubByDefinition(byte[] filtered, int bpp) {
        byte[] out = filtered.clone();
        for (int i = bpp; i < out.length; i++) {
            out[i] = (byte) (out[i] + out[i - bpp]);
        }
        return out;
    }

    @ParameterizedTest
    @CsvSource({"3, 2764800", "3, 3", "3, 0", "1, 1001", "2, 1000", "3, 1001", "4, 4096"})
    void inverseFilterMatchesItsDefinitionAndUndoesTheFilter(int bpp, int length) {
        byte[] pixels = new byte[length];
        new Random(length * 31L + bpp).nextBytes(pixels);
        byte[] filtered = PayloadCodec.subFilter(pixels, bpp);

        assertArrayEquals(unSubByDefinition(filtered, bpp), PayloadCodec.unSubFilter(filtered.clone(), bpp));
        assertArrayEquals(pixels, PayloadCodec.unSubFilter(filtered, bpp));
    }

    @Test
    void deltaZstdRoundTripsEveryByteValueAndCarry() {
        // ramps that wrap around 255 -> 0 in every channel, where a sign or carry mistake would show
        byte[] pixels = new byte[3 * 1000];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * (i % 3 + 7));
        }
        byte[] payload = PayloadCodec.DELTA_ZSTD.encode(pixels, 3);

        assertArrayEquals(pixels, PayloadCodec.DELTA_ZSTD.decode(payload, 3, pixels.length));
    }
}
