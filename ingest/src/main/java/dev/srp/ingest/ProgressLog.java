package dev.srp.ingest;

import dev.srp.ingest.IngestMetrics.Reason;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a stream's last committed {@link StreamProgress} from the compacted progress topic. Call it after the
 * stream's transactional producer has initialised: that aborts a dead ingest's open transaction, so the
 * read-committed end of the topic is not held back by it.
 */
final class ProgressLog {
    private ProgressLog() {
    }

    /** The stream's progress, or empty when nothing of it was ever committed. */
    static Optional<StreamProgress> read(IngestConfig config) {
        Map<String, Object> props = config.kafka().consumerConfig();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) config.openTimeout().toMillis());
        String topic = config.kafka().topics().ingestProgress();
        StreamProgress last = null;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + config.openTimeout().toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IngestFailure(Reason.KAFKA, "timed out reading ingest progress from " + topic
                            + " at " + config.kafka().bootstrapServers(), "check that Kafka is healthy", null);
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (config.streamId().equals(r.key()) && r.value() != null) {
                        last = parse(r);
                    }
                }
            }
        } catch (KafkaException e) {
            throw new IngestFailure(Reason.KAFKA, "cannot read ingest progress from " + topic + " at "
                    + config.kafka().bootstrapServers() + ": " + e.getMessage(),
                    "check that Kafka is running and that the srp topics exist", e);
        }
        return Optional.ofNullable(last);
    }

    /** A record that does not parse stops the ingest: resuming from an older one would publish frames twice. */
    private static StreamProgress parse(ConsumerRecord<String, byte[]> r) {
        try {
            return StreamProgress.fromBytes(r.value());
        } catch (IllegalArgumentException e) {
            throw new IngestFailure(Reason.KAFKA, "the ingest progress of stream " + r.key() + " (" + r.topic() + "-"
                    + r.partition() + " offset " + r.offset() + ") cannot be read: " + e.getMessage(),
                    "publish the input under a new --stream-id", e);
        }
    }
}
