package dev.srp.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class StreamLabelsTest {
    @Test
    void streamsPastTheLimitShareOtherUntilAPlaceIsFreed() {
        StreamLabels labels = new StreamLabels(2);
        assertEquals("cam-1", labels.labelFor("cam-1"));
        assertEquals("cam-2", labels.labelFor("cam-2"));
        assertEquals(StreamLabels.OTHER, labels.labelFor("cam-3"));
        assertEquals("cam-1", labels.labelFor("cam-1"), "a stream keeps its label");
        assertEquals(StreamLabels.OTHER, labels.labelFor("cam-3"), "and so does one under other");

        assertEquals(Optional.of("cam-1"), labels.release("cam-1"));
        assertTrue(labels.release("cam-3").isEmpty(), "other is shared: its series stay");
        assertEquals("cam-4", labels.labelFor("cam-4"), "the freed place goes to the next stream");
        assertEquals(StreamLabels.OTHER, labels.labelFor("cam-5"));
    }

    @Test
    void aStreamNamedOtherDoesNotTakeAPlace() {
        StreamLabels labels = new StreamLabels(1);
        assertEquals(StreamLabels.OTHER, labels.labelFor(StreamLabels.OTHER));
        assertEquals("cam-1", labels.labelFor("cam-1"));
    }

    @Test
    void idleStreamsGiveTheirPlaceBack() {
        StreamLabels labels = new StreamLabels(1);
        assertEquals("cam-1", labels.labelFor("cam-1", 1_000));
        assertEquals(StreamLabels.OTHER, labels.labelFor("cam-2", 5_000));
        assertEquals(java.util.List.of(), labels.releaseIdle(60_000, 60_000), "cam-1 idle for 59 s only");
        assertEquals(java.util.List.of("cam-1"), labels.releaseIdle(61_000, 60_000));
        assertEquals("cam-3", labels.labelFor("cam-3", 61_000));
    }
}
