package dev.srp.testsupport;

import dev.srp.contract.MessageLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads topics from their beginning, every partition, without a consumer group: what a downstream consumer with the
 * given isolation can ever receive. Tests use it to check what a service published.
 */
public final class TopicReader {
    private final String bootstrap;
    private final MessageLimits limits;
    private final IsolationLevel isolation;

    private TopicReader(String bootstrap, MessageLimits limits, IsolationLevel isolation) {
        this.bootstrap = bootstrap;
        this.limits = limits;
        this.isolation = isolation;
    }

    /** A reader that sees committed records only, as srp's own consumers do. */
    public static TopicReader committed(String bootstrap, MessageLimits limits) {
        return new TopicReader(bootstrap, limits, IsolationLevel.READ_COMMITTED);
    }

    /** A reader that sees the records of aborted and still open transactions too. */
    public static TopicReader uncommitted(String bootstrap, MessageLimits limits) {
        return new TopicReader(bootstrap, limits, IsolationLevel.READ_UNCOMMITTED);
    }

    /**
     * Hands every record of {@code topics} to {@code sink}, up to the end offsets they have now (read committed,
     * the last stable offsets: what follows is not committed yet); fails after {@code timeout}.
     */
    public void readToEnd(List<String> topics, Duration timeout, Consumer<ConsumerRecord<String, byte[]>> sink) {
        try (KafkaConsumer<String, byte[]> consumer = assignedAtBeginning(topics)) {
            List<TopicPartition> partitions = new ArrayList<>(consumer.assignment());
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topics + " to its end offsets " + end);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(sink);
            }
        }
    }

    /** Hands records of {@code topics} to {@code sink} until {@code done} says so or {@code wait} has passed. */
    public void readUntil(List<String> topics, Duration wait, BooleanSupplier done,
                          Consumer<ConsumerRecord<String, byte[]>> sink) {
        try (KafkaConsumer<String, byte[]> consumer = assignedAtBeginning(topics)) {
            long deadline = System.nanoTime() + wait.toNanos();
            while (System.nanoTime() < deadline && !done.getAsBoolean()) {
                consumer.poll(Duration.ofMillis(200)).forEach(sink);
            }
        }
    }

    private KafkaConsumer<String, byte[]> assignedAtBeginning(List<String> topics) {
        Map<String, Object> config = new HashMap<>(limits.consumerConfig());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.toString().toLowerCase(Locale.ROOT));
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }
}
