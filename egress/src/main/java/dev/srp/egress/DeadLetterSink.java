package dev.srp.egress;

import dev.srp.contract.SrpException;
import dev.srp.contract.Topics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends records egress cannot use to the dead-letter topic, unchanged, with the reason and source topic in
 * headers. {@link #flush()} runs before offsets are committed, so a dead letter is never lost with its source.
 */
final class DeadLetterSink implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final EgressMetrics metrics;
    private final List<Future<RecordMetadata>> pending = new ArrayList<>();

    DeadLetterSink(EgressConfig egress, EgressMetrics metrics) {
        Map<String, Object> config = egress.kafka().producerConfig();
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "srp-egress-deadletter");
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        this.topic = egress.kafka().topics().deadLetter();
        this.metrics = metrics;
    }

    void send(ConsumerRecord<String, byte[]> record, DeadLetterReason reason) {
        ProducerRecord<String, byte[]> out = new ProducerRecord<>(topic, record.key(), record.value());
        out.headers().add(Topics.DEAD_LETTER_REASON_HEADER, reason.label().getBytes(StandardCharsets.UTF_8));
        out.headers().add(Topics.DEAD_LETTER_SOURCE_HEADER, record.topic().getBytes(StandardCharsets.UTF_8));
        pending.add(producer.send(out));
        metrics.deadLettered(reason);
    }

    /** Waits until every dead letter sent so far is acknowledged; throws if the broker refused one. */
    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        producer.flush();
        try {
            for (Future<RecordMetadata> f : pending) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw new SrpException("cannot write to dead-letter topic " + topic + ": " + e.getCause().getMessage(),
                    "check that the topic exists and accepts records of this size", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SrpException("interrupted while writing to dead-letter topic " + topic, null, e);
        } finally {
            pending.clear();
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
