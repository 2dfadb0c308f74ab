package dev.srp.media;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The waits between tries at reaching something that went away (a camera, a push server): a delay that starts
 * small and doubles up to a cap, and never runs past the deadline of the outage window. One instance per outage.
 */
public final class Backoff {
    /** Sleeps for the given nanoseconds; the JVM's sleep, or a test's record of it. */
    interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    private final long maxNanos;
    private final long startedNanos;
    private final long deadlineNanos;
    private final LongSupplier nanoClock;
    private final Sleeper sleeper;
    private long nextNanos;

    /**
     * @param first  the first delay
     * @param max    the longest delay
     * @param window how long the outage may last in all, from now
     */
    public Backoff(Duration first, Duration max, Duration window) {
        this(first, max, window, System::nanoTime, nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000)));
    }

    Backoff(Duration first, Duration max, Duration window, LongSupplier nanoClock, Sleeper sleeper) {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < first <= max, got " + first + " and " + max);
        }
        this.maxNanos = max.toNanos();
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
        this.startedNanos = nanoClock.getAsLong();
        this.deadlineNanos = startedNanos + window.toNanos();
        this.nextNanos = first.toNanos();
    }

    /**
     * Waits the next delay, cut short at the deadline, and doubles the delay for next time (up to the cap).
     *
     * @return false, without waiting, once the deadline has passed: give up
     */
    public boolean pause() throws InterruptedException {
        long left = deadlineNanos - nanoClock.getAsLong();
        if (left <= 0) {
            return false;
        }
        sleeper.sleep(Math.min(nextNanos, left));
        nextNanos = Math.min(maxNanos, nextNanos * 2);
        return true;
    }

    /** Time since this outage began. */
    public Duration elapsed() {
        return Duration.ofNanos(nanoClock.getAsLong() - startedNanos);
    }
}
