package dev.srp.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FrameRateTest {
    @Test
    void recognisesCommonRates() {
        assertEquals(new FrameRate(25, 1), FrameRate.fromDouble(25.0));
        assertEquals(new FrameRate(30000, 1001), FrameRate.fromDouble(29.97002997));
        assertEquals(40_000, new FrameRate(25, 1).frameMicros());
        assertEquals(33_367, new FrameRate(30000, 1001).frameMicros());
        assertEquals(new FrameRate(24000, 1001), FrameRate.fromDouble(23.976));
        assertEquals(new FrameRate(12500, 1000), FrameRate.fromDouble(12.5));
        assertThrows(IllegalArgumentException.class, () -> FrameRate.fromDouble(0));
    }
}
