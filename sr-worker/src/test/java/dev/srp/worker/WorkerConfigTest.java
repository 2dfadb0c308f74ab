package dev.srp.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srp.contract.KafkaConnection;
import dev.srp.contract.MessageLimits;
import dev.srp.contract.PayloadCodec;
import dev.srp.contract.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class WorkerConfigTest {
    private static WorkerConfig config(int scale, int batchSize, Duration linger, int streamThreads) {
        return new WorkerConfig(KafkaConnection.to("localhost:9092", Topics.defaults(), MessageLimits.defaults()),
                "srp-worker",
                Path.of("m.pt"), scale, batchSize, linger, Path.of("state"), streamThreads, 2, PayloadCodec.RAW);
    }

    @Test
    void rejectsBadValuesByName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> config(0, 4, Duration.ofMillis(20), 1))
                .getMessage().contains("scale"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> config(4, 0, Duration.ofMillis(20), 1))
                .getMessage().contains("batchSize"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> config(4, 4, Duration.ZERO, 1))
                .getMessage().contains("batchLinger"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> config(4, 4, Duration.ofMillis(20), 0))
                .getMessage().contains("streamThreads"));
        assertThrows(IllegalArgumentException.class, () -> new WorkerConfig(KafkaConnection.to(" ", Topics.defaults(),
                MessageLimits.defaults()), "id", Path.of("m.pt"), 4, 4, Duration.ofMillis(20), Path.of("s"), 1, 1,
                PayloadCodec.RAW));
    }

    @Test
    void streamsPropertiesCarryEveryLimitAndExactlyOnce() {
        WorkerConfig c = config(4, 4, Duration.ofMillis(20), 2);
        Properties p = WorkerStreamsConfig.of(c);
        assertEquals(StreamsConfig.EXACTLY_ONCE_V2, p.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
        assertEquals(2, p.get(StreamsConfig.NUM_STREAM_THREADS_CONFIG));
        MessageLimits limits = c.kafka().limits();
        limits.producerConfig().forEach((k, v) -> assertEquals(v, p.get(StreamsConfig.producerPrefix(k)), k));
        limits.consumerConfig().forEach((k, v) -> {
            if (!k.equals(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG)) {
                assertEquals(v, p.get(StreamsConfig.mainConsumerPrefix(k)), k);
            }
            assertEquals(v, p.get(StreamsConfig.restoreConsumerPrefix(k)), k);
            assertEquals(v, p.get(StreamsConfig.globalConsumerPrefix(k)), k);
        });
        limits.topicConfig().forEach((k, v) -> assertEquals(v, p.get(StreamsConfig.topicPrefix(k)), k));
        // batch size 4: two batches queued per partition, not Streams' default of 1000 frames
        assertEquals(8, p.get(StreamsConfig.BUFFERED_RECORDS_PER_PARTITION_CONFIG));
        // and the consumer fetches a few frames at a time, so its lag gauge sees a fresh end offset
        assertEquals(1 << 20, p.get(StreamsConfig.mainConsumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG)));
    }

    /** Security settings go un-prefixed, so Kafka Streams gives them to its producer, consumers and admin. */
    @Test
    void streamsPropertiesCarryTheKafkaSecuritySettings() {
        KafkaConnection kafka = KafkaConnection.to("localhost:9092", Topics.defaults(), MessageLimits.defaults())
                .withSecurity(new dev.srp.contract.KafkaSecurity(java.util.Map.of("security.protocol", "SASL_SSL",
                        "sasl.mechanism", "SCRAM-SHA-512")));
        java.util.Properties p = WorkerStreamsConfig.of(new WorkerConfig(kafka, "srp-worker", Path.of("m.pt"), 4, 2,
                Duration.ofMillis(20), Path.of("s"), 1, 1, PayloadCodec.RAW));
        assertEquals("SASL_SSL", p.get("security.protocol"));
        assertEquals("SCRAM-SHA-512", p.get("sasl.mechanism"));
    }

    @Test
    void defaultModelsAreTheTrainedFastX4AndX2() {
        assertEquals(Path.of("/opt/srp/models/samsr-fast-x4.pt"), ModelCatalog.defaultModel(Path.of("/opt/srp"), 4));
        assertEquals(Path.of("/opt/srp/models/samsr-fast-x2.pt"), ModelCatalog.defaultModel(Path.of("/opt/srp"), 2));
    }

    /** RocksDB's statistics timer stays off in every store Streams opens for the worker (see RocksDbStoreOptions). */
    @Test
    void storesRunNoStatisticsTimer() throws Exception {
        Properties p = WorkerStreamsConfig.of(config(4, 4, Duration.ofMillis(20), 1));
        RocksDbLibrary.load();
        var setter = (org.apache.kafka.streams.state.RocksDBConfigSetter)
                ((Class<?>) p.get(org.apache.kafka.streams.StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG))
                        .getDeclaredConstructor().newInstance();
        try (org.rocksdb.Options options = new org.rocksdb.Options()) {
            assertTrue(options.statsDumpPeriodSec() > 0, "RocksDB's default runs the timer");
            setter.setConfig("masks", options, java.util.Map.of());
            assertEquals(0, options.statsDumpPeriodSec());
            assertEquals(0, options.statsPersistPeriodSec());
        }
    }
}
