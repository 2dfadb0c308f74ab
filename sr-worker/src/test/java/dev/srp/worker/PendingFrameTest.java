package dev.srp.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class PendingFrameTest {
    private final Serde<PendingFrame> serde = PendingFrame.serde();

    @Test
    void roundTripsKeyValueAndTimes() {
        PendingFrame p = new PendingFrame(new byte[] {1, 2, 3}, new byte[] {9, 8, 7, 6}, 1234L, 5678L);
        PendingFrame back = serde.deserializer().deserialize("t", serde.serializer().serialize("t", p));
        assertArrayEquals(p.key(), back.key());
        assertArrayEquals(p.value(), back.value());
        assertEquals(1234L, back.timestamp());
        assertEquals(5678L, back.receivedMillis());
    }

    @Test
    void keepsANullKeyNull() {
        PendingFrame p = new PendingFrame(null, new byte[] {1}, 1L, 2L);
        assertNull(serde.deserializer().deserialize("t", serde.serializer().serialize("t", p)).key());
    }
}
