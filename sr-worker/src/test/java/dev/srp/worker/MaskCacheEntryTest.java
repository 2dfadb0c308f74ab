package dev.srp.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class MaskCacheEntryTest {
    private final Serde<MaskCacheEntry> serde = MaskCacheEntry.serde();

    @Test
    void roundTripsEveryField() {
        MaskCacheEntry e = new MaskCacheEntry("strëam", 7, 123, -42L, 1_700_000_000_000L, 3, new byte[] {1, 2, 3, 4});
        byte[] bytes = serde.serializer().serialize("t", e);
        assertEquals(e.storedBytes(), bytes.length);
        MaskCacheEntry back = serde.deserializer().deserialize("t", bytes);
        assertEquals(List.of(e.streamId(), e.shotId(), e.keyFrameIndex(), e.noiseSeed(), e.lastUsedMillis(),
                e.maskCount()), List.of(back.streamId(), back.shotId(), back.keyFrameIndex(), back.noiseSeed(),
                back.lastUsedMillis(), back.maskCount()));
        assertArrayEquals(e.masks(), back.masks());
        assertNull(serde.deserializer().deserialize("t", null), "a changelog tombstone stays a tombstone");
    }

    @Test
    void refusesAnotherVersionByName() {
        byte[] bytes = serde.serializer().serialize("t", new MaskCacheEntry("s", 0, 0, 0, 0, 0, new byte[0]));
        bytes[0] = 9;
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> serde.deserializer().deserialize("t", bytes));
        assertTrue(e.getMessage().contains("version 9"), e.getMessage());
    }

    @Test
    void lastUseChangesNothingElse() {
        MaskCacheEntry e = new MaskCacheEntry("s", 1, 2, 3, 4, 5, new byte[] {6});
        MaskCacheEntry touched = e.withLastUsed(99);
        assertEquals(99, touched.lastUsedMillis());
        assertEquals(e.noiseSeed(), touched.noiseSeed());
        assertEquals(e.keyFrameIndex(), touched.keyFrameIndex());
        assertArrayEquals(e.masks(), touched.masks());
    }
}
