package dev.srp.worker;

import dev.srp.contract.SrpException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.LongSupplier;

import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TransactionAbortedException;
import org.apache.kafka.common.errors.UnknownProducerIdException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;

/**
 * What a stream thread's death means. A broker that went away and came back (a transaction it no longer knows, a
 * timeout while it was away: {@link #BROKER_OUTAGE}) says nothing about the frames: the thread is replaced, its
 * tasks abort their open transaction and re-read from the last commit, so no frame is lost or repeated. A camera
 * feed must outlive a broker restart. Anything else (srp's own errors, a failing model) stops the worker, and so do
 * broker errors that keep coming: more than {@code maxReplacements} within {@code window} is a broker that is not
 * coming back.
 */
final class StreamThreadFailurePolicy {
    static final int MAX_REPLACEMENTS = 5;
    static final Duration WINDOW = Duration.ofMinutes(10);
    /** Errors a broker restart or outage leaves behind; a retriable one that outlasted the clients' own retries. */
    static final List<Class<? extends Exception>> BROKER_OUTAGE = List.of(RetriableException.class,
            InvalidTxnStateException.class, InvalidProducerEpochException.class, TransactionAbortedException.class,
            UnknownProducerIdException.class);

    private final int maxReplacements;
    private final long windowNanos;
    private final LongSupplier nanoClock;
    private final Deque<Long> replacements = new ArrayDeque<>();

    StreamThreadFailurePolicy() {
        this(MAX_REPLACEMENTS, WINDOW, System::nanoTime);
    }

    StreamThreadFailurePolicy(int maxReplacements, Duration window, LongSupplier nanoClock) {
        this.maxReplacements = maxReplacements;
        this.windowNanos = window.toNanos();
        this.nanoClock = nanoClock;
    }

    synchronized StreamThreadExceptionResponse respond(Throwable e) {
        if (!isBrokerError(e)) {
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        long now = nanoClock.getAsLong();
        while (!replacements.isEmpty() && now - replacements.peekFirst() > windowNanos) {
            replacements.removeFirst();
        }
        if (replacements.size() >= maxReplacements) {
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        replacements.addLast(now);
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    /** A broker outage's error somewhere in the chain, and no srp error. */
    static boolean isBrokerError(Throwable e) {
        boolean outage = false;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SrpException) {
                return false;
            }
            for (Class<? extends Exception> kind : BROKER_OUTAGE) {
                outage |= kind.isInstance(t);
            }
        }
        return outage;
    }
}
