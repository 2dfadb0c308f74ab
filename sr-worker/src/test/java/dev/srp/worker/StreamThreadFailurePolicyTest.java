package dev.srp.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.srp.contract.SrpException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class StreamThreadFailurePolicyTest {
    private static final StreamThreadExceptionResponse REPLACE = StreamThreadExceptionResponse.REPLACE_THREAD;
    private static final StreamThreadExceptionResponse SHUTDOWN = StreamThreadExceptionResponse.SHUTDOWN_CLIENT;

    private final AtomicLong clock = new AtomicLong();
    private final StreamThreadFailurePolicy policy = new StreamThreadFailurePolicy(2, Duration.ofMinutes(10),
            clock::get);

    @Test
    void aTransactionTheRestartedBrokerForgotReplacesTheThread() {
        // as Kafka Streams reports a commit that failed after a broker restart
        StreamsException commitFailed = new StreamsException("commit failed",
                new InvalidTxnStateException("The producer attempted a transactional operation in an invalid state"));
        assertEquals(REPLACE, policy.respond(commitFailed));
    }

    @Test
    void srpsOwnErrorsAndOtherFailuresStopTheWorker() {
        StreamsException model = new StreamsException("process failed",
                new SrpException("the model returned NaN", "use another model"));
        assertEquals(SHUTDOWN, policy.respond(model));
        assertEquals(SHUTDOWN, policy.respond(new StreamsException(new IllegalStateException("bug"))));
        // a frame too large for the topic fails the same way on every retry
        assertEquals(SHUTDOWN, policy.respond(new StreamsException(new RecordTooLargeException("too large"))));
        // an srp error that happens to wrap a broker error is still srp's to report
        assertEquals(SHUTDOWN, policy.respond(new SrpException("x", "y", new TimeoutException("t"))));
    }

    @Test
    void brokerErrorsThatKeepComingStopTheWorkerUntilTheWindowPasses() {
        StreamsException timeout = new StreamsException(new TimeoutException("broker away"));
        assertEquals(REPLACE, policy.respond(timeout));
        clock.addAndGet(Duration.ofMinutes(1).toNanos());
        assertEquals(REPLACE, policy.respond(timeout));
        clock.addAndGet(Duration.ofMinutes(1).toNanos());
        assertEquals(SHUTDOWN, policy.respond(timeout), "a third within ten minutes");
        clock.addAndGet(Duration.ofMinutes(9).toNanos());
        assertEquals(REPLACE, policy.respond(timeout), "the first has left the window");
    }
}
