package dev.srp.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Backoff on a clock that only moves when it sleeps, so every delay is exact. */
class BackoffTest {
    private long now = 5_000_000_000L;
    private final List<Long> sleptMillis = new ArrayList<>();

    private Backoff backoff(long firstMillis, long maxMillis, long windowMillis) {
        return new Backoff(Duration.ofMillis(firstMillis), Duration.ofMillis(maxMillis), Duration.ofMillis(windowMillis),
                () -> now, nanos -> {
                    sleptMillis.add(nanos / 1_000_000);
                    now += nanos;
                });
    }

    @Test
    void delaysDoubleUpToTheCapAndTheLastIsCutAtTheDeadline() throws InterruptedException {
        Backoff b = backoff(250, 4_000, 10_000);
        while (b.pause()) {
            now += 1_000_000; // each try takes a millisecond
        }
        assertEquals(List.of(250L, 500L, 1_000L, 2_000L, 4_000L, 2_245L), sleptMillis);
        assertEquals(Duration.ofMillis(10_001), b.elapsed(), "gave up at the first check past the deadline");
    }

    @Test
    void aTryThatTakesLongerThanTheWindowMeansNoWait() throws InterruptedException {
        Backoff b = backoff(250, 4_000, 1_000);
        now += 1_500_000_000L;
        assertFalse(b.pause());
        assertTrue(sleptMillis.isEmpty());
    }

    @Test
    void rejectsAFirstDelayOverTheCap() {
        assertThrows(IllegalArgumentException.class, () -> backoff(500, 250, 1_000));
    }
}
