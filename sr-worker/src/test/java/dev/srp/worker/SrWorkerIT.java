package dev.srp.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.srp.contract.FrameMessage;
import dev.srp.contract.FrameSerde;
import dev.srp.contract.KafkaConnection;
import dev.srp.contract.MessageLimits;
import dev.srp.contract.ModelSidecar;
import dev.srp.contract.PayloadCodec;
import dev.srp.contract.PixelFormat;
import dev.srp.contract.SrpException;
import dev.srp.contract.Topics;
import dev.srp.testsupport.KafkaBroker;
import io.prometheus.client.CollectorRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The worker end to end on a real in-JVM KRaft broker with the real interim model, exactly once. */
class SrWorkerIT {
    private static final MessageLimits LIMITS = MessageLimits.defaults();
    private static final Topics TOPICS = Topics.withPrefix("it.");
    /** Small enough that no record can carry one noisy HR frame. */
    private static final MessageLimits SMALL = new MessageLimits(1024 * 1024);

    @RegisterExtension
    static final KafkaBroker BROKER = KafkaBroker.withLimits(LIMITS);
    @RegisterExtension
    static final KafkaBroker SMALL_BROKER = KafkaBroker.withLimits(SMALL);
    private static final int FRAMES = 12;

    @TempDir
    Path stateDir;

    @Test
    void everyFrameArrivesExactlyOnceAtFourTimesTheSize() throws Exception {
        BROKER.createTopics(TOPICS, 2);
        produce(BROKER.bootstrapServers());
        WorkerConfig config = new WorkerConfig(KafkaConnection.to(BROKER.bootstrapServers(), TOPICS, LIMITS),
                "srp-worker-it",
                TestFrames.MODEL_X4, 4, 4, Duration.ofMillis(20), stateDir, 1, 2, PayloadCodec.RAW);
        CollectorRegistry registry = new CollectorRegistry();
        try (SrWorker worker = new SrWorker(config, new WorkerMetrics(registry))) {
            worker.start();
            List<FrameMessage> out = consume(BROKER.bootstrapServers(), worker);

            Map<Long, FrameMessage> frames = new TreeMap<>();
            List<FrameMessage> ends = new ArrayList<>();
            for (FrameMessage m : out) {
                if (m.isEndOfStream()) {
                    ends.add(m);
                } else if (frames.put(m.frameIndex(), m) != null) {
                    fail("frame " + m.frameIndex() + " arrived twice");
                }
            }
            assertEquals(FRAMES, frames.size(), "frames " + frames.keySet());
            for (FrameMessage m : frames.values()) {
                assertEquals(TestFrames.WIDTH * 4, m.width());
                assertEquals(TestFrames.HEIGHT * 4, m.height());
                assertEquals(m.frameIndex() < 6 ? 0 : 1, m.shotId());
            }
            assertEquals(1, ends.size());
            assertEquals(FRAMES, ends.get(0).frameCount());
            assertEquals(1.0, registry.getSampleValue("srp_worker_model_info",
                    new String[] {"model", "sha256", "device"}, new String[] {"bicubic-x4-interim",
                        ModelSidecar.sha256(TestFrames.MODEL_X4), "cpu"}));
            assertTrue(worker.failure().isEmpty());
        }
    }

    @Test
    void startRefusesAMissingModelBeforeTouchingKafka() {
        WorkerConfig config = new WorkerConfig(KafkaConnection.to("localhost:1", TOPICS, LIMITS),
                "srp-worker-it-nomodel",
                stateDir.resolve("missing.pt"), 4, 4, Duration.ofMillis(20), stateDir, 1, 1, PayloadCodec.RAW);
        try (SrWorker worker = new SrWorker(config, new WorkerMetrics(new CollectorRegistry()))) {
            SrpException e = assertThrows(SrpException.class, worker::start);
            assertTrue(e.getMessage().contains("missing.pt"), e.getMessage());
            assertTrue(worker.failure().isEmpty());
        }
    }

    @Test
    void aStreamThatDiesIsReportedThroughFailure() throws Exception {
        // an HR frame of random noise that no 1 MiB record can carry: the producer fails and so does the stream
        MessageLimits small = SMALL;
        byte[] noise = new byte[400 * 300 * 3];
        new java.util.Random(7).nextBytes(noise);
        FrameMessage big = FrameMessage.frame("big", 0, 0, TestFrames.RATE, 400, 300, PixelFormat.RGB24, 0, noise);
        SMALL_BROKER.createTopics(TOPICS, 1);
        Map<String, Object> props = new HashMap<>(small.producerConfig());
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SMALL_BROKER.bootstrapServers());
        try (KafkaProducer<String, FrameMessage> producer = new KafkaProducer<>(props, new StringSerializer(),
                FrameSerde.defaultCodec())) {
            producer.send(new ProducerRecord<>(TOPICS.framesLr(), big.key(), big)).get();
        }
        WorkerConfig config = new WorkerConfig(KafkaConnection.to(SMALL_BROKER.bootstrapServers(), TOPICS, small),
                "srp-worker-it-dies",
                TestFrames.MODEL_X4, 4, 1, Duration.ofMillis(20), stateDir, 1, 2, PayloadCodec.RAW);
        try (SrWorker worker = new SrWorker(config, new WorkerMetrics(new CollectorRegistry()))) {
            worker.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (worker.failure().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(worker.failure().isPresent(), "the worker must report its dead stream");
        }
    }

    private static void produce(String bootstrap) {
        Map<String, Object> props = new HashMap<>(LIMITS.producerConfig());
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "srp-worker-it-ingest");
        try (KafkaProducer<String, FrameMessage> producer = new KafkaProducer<>(props, new StringSerializer(),
                FrameSerde.defaultCodec())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int i = 0; i < FRAMES; i++) {
                FrameMessage m = TestFrames.frame("it-clip", i < 6 ? 0 : 1, i);
                producer.send(new ProducerRecord<>(TOPICS.framesLr(), m.key(), m));
            }
            FrameMessage end = FrameMessage.endOfStream("it-clip", FRAMES, FRAMES * 40_000L, TestFrames.RATE);
            producer.send(new ProducerRecord<>(TOPICS.framesLr(), end.key(), end));
            producer.commitTransaction();
        }
    }

    /** Reads committed HR records until all 13 are in, then a little longer so a duplicate would show. */
    private static List<FrameMessage> consume(String bootstrap, SrWorker worker) {
        Map<String, Object> props = new HashMap<>(LIMITS.consumerConfig());
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "srp-worker-it-reader");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<FrameMessage> out = new ArrayList<>();
        try (KafkaConsumer<String, FrameMessage> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                FrameSerde.defaultCodec())) {
            consumer.subscribe(List.of(TOPICS.framesHr()));
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            long quietUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, quietUntil)) {
                worker.failure().ifPresent(e -> fail("worker failed", e));
                for (ConsumerRecord<String, FrameMessage> r : consumer.poll(Duration.ofMillis(200))) {
                    assertEquals(r.value().key(), r.key());
                    out.add(r.value());
                }
                if (out.size() >= FRAMES + 1 && quietUntil == Long.MAX_VALUE) {
                    quietUntil = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                }
            }
        }
        return out;
    }
}
