package dev.srp.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.srp.contract.MessageLimits;
import dev.srp.contract.Topics;
import dev.srp.testsupport.KafkaBroker;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Consumed frame records are deleted from a real broker: below the worker's commits and egress's read positions. */
class ConsumedRecordsJanitorIT {
    @RegisterExtension
    static final KafkaBroker BROKER = KafkaBroker.withLimits(MessageLimits.defaults());

    @Test
    void deletesWhatTheNextStageHasTaken() throws Exception {
        Topics topics = Topics.defaults();
        BROKER.createTopics(topics, 1);
        TopicPartition lr = new TopicPartition(topics.framesLr(), 0);
        TopicPartition hr = new TopicPartition(topics.framesHr(), 0);
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < 10; i++) {
                p.send(new ProducerRecord<>(lr.topic(), 0, null, new byte[] {(byte) i}));
                p.send(new ProducerRecord<>(hr.topic(), 0, null, new byte[] {(byte) i}));
            }
            p.flush();
        }
        try (Admin admin = BROKER.admin()) {
            admin.alterConsumerGroupOffsets("worker", Map.of(lr, new OffsetAndMetadata(6))).all()
                    .get(10, TimeUnit.SECONDS);
        }
        try (ConsumedRecordsJanitor janitor = new ConsumedRecordsJanitor(BROKER.admin(), "worker",
                topics.framesLr(), () -> Map.of(hr, 4L))) {
            janitor.sweep();
        }
        try (Admin admin = BROKER.admin()) {
            var earliest = admin.listOffsets(Map.of(lr, OffsetSpec.earliest(), hr, OffsetSpec.earliest()))
                    .all().get(10, TimeUnit.SECONDS);
            assertEquals(6, earliest.get(lr).offset(), "source frames below the worker's commit");
            assertEquals(4, earliest.get(hr).offset(), "upscaled frames below egress's read position");
        }
    }
}
