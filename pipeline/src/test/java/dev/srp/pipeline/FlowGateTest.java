package dev.srp.pipeline;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FlowGateTest {
    @Test
    void holdsIngestOnlyWhenTooFarAhead() throws Exception {
        FlowGate gate = new FlowGate(2);
        gate.published(0);
        gate.published(1);
        Thread third = new Thread(() -> gate.published(2));
        third.start();
        third.join(300);
        assertTrue(third.isAlive(), "frame 2 must wait while egress has written nothing");
        gate.written(1);
        third.join(3000);
        assertFalse(third.isAlive(), "frame 2 must go once egress wrote frame 0");
    }

    @Test
    void openLetsEverythingThrough() throws Exception {
        FlowGate gate = new FlowGate(1);
        Thread ahead = new Thread(() -> gate.published(10));
        ahead.start();
        gate.open();
        ahead.join(3000);
        assertFalse(ahead.isAlive());
    }
}
