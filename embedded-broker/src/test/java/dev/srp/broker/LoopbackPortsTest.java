package dev.srp.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LoopbackPortsTest {
    /**
     * Ports picked one at a time repeat about once in a few thousand picks on Linux (a broker then binds two
     * listeners to one port and exits at start), so many rounds make a repeat near certain if one can happen.
     */
    @Test
    void aBrokersPortsAreNeverTheSame() {
        for (int round = 0; round < 20_000; round++) {
            int[] ports = LoopbackPorts.distinct(3);
            assertEquals(3, Arrays.stream(ports).distinct().count(), "round " + round + ": " + Arrays.toString(ports));
        }
    }
}
