package dev.srp.ingest;

import dev.srp.contract.AudioChunk;
import dev.srp.contract.FrameMessage;
import dev.srp.contract.Topic;
import dev.srp.ingest.IngestMetrics.Reason;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends frames and audio in Kafka transactions of a few frames each: small enough that downstream sees frames
 * promptly, large enough that commits do not dominate. Read-committed consumers never see an aborted run's tail.
 * Values are serialised here rather than by the producer so their sizes can be counted. Every transaction also
 * carries the stream's {@link StreamProgress}, so what a restarted ingest reads back matches the committed frames
 * exactly.
 */
final class FramePublisher implements AutoCloseable {
    static final int FRAMES_PER_TRANSACTION = 8;
    static final long MAX_TRANSACTION_NANOS = Duration.ofMillis(200).toNanos();
    /** How long a broker may be away before ingest gives up: the producer's default delivery timeout. */
    static final Duration KAFKA_OUTAGE = Duration.ofMinutes(2);
    private static final Duration OUTAGE_WORTH_LOGGING = Duration.ofSeconds(3);
    private static final Logger LOG = LoggerFactory.getLogger(FramePublisher.class);

    private final IngestConfig config;
    private final IngestMetrics metrics;
    private final KafkaProducer<String, byte[]> producer;
    private final Topic<FrameMessage> frames;
    private final Topic<AudioChunk> audio;
    private volatile Exception sendError;
    private boolean inTransaction;
    private long transactionStarted;
    private int pendingFrames;
    private long pendingFrameBytes;
    private int pendingChunks;
    private long pendingChunkBytes;
    private StreamProgress progress;

    private FramePublisher(IngestConfig config, IngestMetrics metrics, KafkaProducer<String, byte[]> producer) {
        this.config = config;
        this.frames = config.kafka().topics().lrFrames();
        this.audio = config.kafka().topics().audioChunks();
        this.metrics = metrics;
        this.producer = producer;
    }

    static FramePublisher open(IngestConfig config, IngestMetrics metrics) {
        Map<String, Object> props = config.kafka().producerConfig();
        props.put(ProducerConfig.CLIENT_ID_CONFIG, config.transactionalId());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, config.transactionalId());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        // FrameSerde already packs pixels with delta+zstd; compressing again only costs CPU
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // A send waits up to max.block.ms for the topic's metadata, and a send that gives up fails the whole
        // transaction; so a broker restart mid-stream must fit in it. Whether Kafka is there at all is checked
        // first, within the open timeout, so a wrong address still fails fast.
        awaitTopics(config);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, KAFKA_OUTAGE.toMillis());
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) KAFKA_OUTAGE.toMillis());
        KafkaProducer<String, byte[]> producer;
        try {
            producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        } catch (KafkaException e) {
            throw kafkaFailure(config, "cannot create a Kafka producer", e);
        }
        try {
            producer.initTransactions();
        } catch (KafkaException e) {
            producer.close(Duration.ZERO);
            throw kafkaFailure(config, "cannot start a Kafka transaction", e);
        }
        return new FramePublisher(config, metrics, producer);
    }

    /** Fails within the open timeout, naming the address, unless Kafka answers and has the topics ingest writes. */
    private static void awaitTopics(IngestConfig config) {
        Map<String, Object> props = config.kafka().adminConfig();
        int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, config.openTimeout().toMillis());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMillis);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMillis);
        List<String> topics = List.of(config.kafka().topics().framesLr(), config.kafka().topics().audio(),
                config.kafka().topics().ingestProgress());
        try (Admin admin = Admin.create(props)) {
            admin.describeTopics(topics).allTopicNames().get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw kafkaFailure(config, "interrupted while reaching Kafka", e);
        } catch (ExecutionException e) {
            throw kafkaFailure(config, "cannot find the topics " + topics,
                    e.getCause() instanceof Exception cause ? cause : e);
        } catch (java.util.concurrent.TimeoutException | KafkaException e) {
            throw kafkaFailure(config, "Kafka did not answer within " + config.openTimeout().toSeconds() + " s",
                    e);
        }
    }

    /** Where the stream stands before this run publishes anything; required before the first send. */
    void startFrom(StreamProgress start) {
        progress = start;
    }

    StreamProgress progress() {
        return progress;
    }

    void send(FrameMessage frame) {
        byte[] value = frames.serialize(frame);
        send(frames.name(), frame.key(), value);
        progress = progress.after(frame);
        if (!frame.isEndOfStream()) {
            pendingFrames++;
            pendingFrameBytes += value.length;
        }
    }

    void send(AudioChunk chunk) {
        byte[] value = audio.serialize(chunk);
        send(audio.name(), chunk.streamId(), value);
        progress = progress.after(chunk);
        if (!chunk.isEnd()) {
            pendingChunks++;
            pendingChunkBytes += value.length;
        }
    }

    /** Commits when the open transaction holds enough frames or is old enough; returns whether it committed. */
    boolean commitIfDue() {
        boolean due = inTransaction && (pendingFrames >= FRAMES_PER_TRANSACTION
                || System.nanoTime() - transactionStarted >= MAX_TRANSACTION_NANOS);
        if (due) {
            commit();
        }
        return due;
    }

    void commit() {
        if (!inTransaction) {
            return;
        }
        long started = System.nanoTime();
        send(config.kafka().topics().ingestProgress(), config.streamId(), progress.toBytes());
        while (true) {
            try {
                producer.commitTransaction();
                break;
            } catch (TimeoutException e) {
                // the broker is away (restarting, a network blip): the commit may be retried, and the records wait
                // in the producer for up to delivery.timeout.ms, so ride out an outage of that length
                if (sendError != null || System.nanoTime() - started > KAFKA_OUTAGE.toNanos()) {
                    throw kafkaFailure(config, "Kafka did not confirm a commit for "
                            + (System.nanoTime() - started) / 1_000_000_000L + " s", sendError != null ? sendError : e);
                }
                LOG.warn("stream {}: Kafka at {} has not confirmed a commit for {} s; still trying",
                        config.streamId(), config.kafka().bootstrapServers(),
                        (System.nanoTime() - started) / 1_000_000_000L);
            } catch (KafkaException e) {
                throw kafkaFailure(config, "cannot commit frames to Kafka", sendError != null ? sendError : e);
            }
        }
        logOutage(started, "committing");
        inTransaction = false;
        metrics.transactionCommitted((System.nanoTime() - started) / 1e9);
        metrics.framesPublished(pendingFrames, pendingFrameBytes);
        metrics.audioChunksPublished(pendingChunks, pendingChunkBytes);
        pendingFrames = 0;
        pendingFrameBytes = 0;
        pendingChunks = 0;
        pendingChunkBytes = 0;
    }

    /** Drops the open transaction; if even that fails, the broker aborts it when the transaction times out. */
    void abort() {
        if (!inTransaction) {
            return;
        }
        inTransaction = false;
        try {
            producer.abortTransaction();
        } catch (KafkaException | IllegalStateException e) {
            // the producer is already failed or fenced, or its commit timed out (which only a retry may follow):
            // the transaction coordinator aborts the transaction when it times out, or the next ingest fences it
        }
    }

    private void send(String topic, String key, byte[] value) {
        if (sendError != null) {
            throw kafkaFailure(config, "cannot send to Kafka topic " + topic, sendError);
        }
        try {
            if (!inTransaction) {
                producer.beginTransaction();
                inTransaction = true;
                transactionStarted = System.nanoTime();
            }
            long started = System.nanoTime();
            producer.send(new ProducerRecord<>(topic, key, value), (meta, e) -> {
                if (e != null && sendError == null) {
                    sendError = e;
                }
            });
            logOutage(started, "sending to " + topic);
        } catch (KafkaException e) {
            throw kafkaFailure(config, "cannot send to Kafka topic " + topic, e);
        }
    }

    /** Says so when Kafka kept ingest waiting (a broker restart): otherwise the stall would look like a hang. */
    private void logOutage(long startedNanos, String what) {
        long waitedMillis = (System.nanoTime() - startedNanos) / 1_000_000;
        if (waitedMillis >= OUTAGE_WORTH_LOGGING.toMillis()) {
            LOG.warn("stream {}: Kafka at {} was away for {} s while {}; it is back, nothing was lost",
                    config.streamId(), config.kafka().bootstrapServers(), waitedMillis / 1000, what);
        }
    }

    private static IngestFailure kafkaFailure(IngestConfig config, String what, Exception e) {
        if (e instanceof ProducerFencedException || e instanceof InvalidProducerEpochException) {
            return new IngestFailure(Reason.KAFKA, "another ingest took over stream " + config.streamId()
                    + " (same transactional id " + config.transactionalId() + ")",
                    "run one ingest per stream id", e);
        }
        return new IngestFailure(Reason.KAFKA, what + " at " + config.kafka().bootstrapServers() + " for stream "
                + config.streamId() + ": " + e.getMessage(),
                "check that Kafka is running and reachable at " + config.kafka().bootstrapServers()
                        + " and that the srp topics exist", e);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
