package dev.srp.egress;

import dev.srp.contract.SrpException;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The egress service: {@link #start()} runs the consumer loop on its own thread until {@link #close()}. Outputs
 * are written exactly once: see {@link OffsetLedger} for how restarts redo only unfinished streams.
 */
public final class Egress implements AutoCloseable {
    /** Small, because one HR frame can be tens of megabytes and each poll's frames are encoded before the next. */
    static final int MAX_POLL_RECORDS = 8;
    private static final long CLOSE_WAIT_MILLIS = 60_000;

    private final EgressConfig config;
    private final EgressMetrics metrics;
    private final EgressListener listener;
    private EgressLoop loop;
    private Thread thread;

    public Egress(EgressConfig config, EgressMetrics metrics, EgressListener listener) {
        this.config = Objects.requireNonNull(config, "config");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.listener = new GuardedListener(Objects.requireNonNull(listener, "listener"));
    }

    /** Connects to Kafka and starts consuming on a new thread; throws SrpException if the clients cannot start. */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("egress already started");
        }
        KafkaConsumer<String, byte[]> consumer;
        DeadLetterSink deadLetters;
        try {
            consumer = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(), new ByteArrayDeserializer());
            deadLetters = new DeadLetterSink(config, metrics);
        } catch (KafkaException e) {
            throw new SrpException("cannot start the egress Kafka clients for " + config.kafka().bootstrapServers() + ": "
                    + e.getMessage(), "check the bootstrap servers setting", e);
        }
        loop = new EgressLoop(config, metrics, listener, consumer, deadLetters);
        thread = new Thread(loop, "srp-egress");
        thread.start();
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> c = config.kafka().consumerConfig();
        c.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS);
        // eager rebalancing: every partition is revoked and re-read from the committed offsets, never kept half-read
        c.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RangeAssignor.class.getName());
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, "srp-egress-" + config.groupId());
        return c;
    }

    /**
     * Per partition, the offset after the last record egress has taken in: everything before it is written, or held
     * in the reorder buffer or spill files. Within one process (srp upscale) records before these offsets are no
     * longer needed in Kafka; across processes only committed offsets are safe, because a restart re-reads.
     */
    public synchronized Map<org.apache.kafka.common.TopicPartition, Long> readPositions() {
        return loop == null ? Map.of() : loop.readPositions();
    }

    /** Stops the loop, commits what is safe and deletes the part files of unfinished streams. */
    @Override
    public synchronized void close() {
        if (thread == null) {
            return;
        }
        loop.stop();
        try {
            thread.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread = null;
    }
}
