package dev.srp.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.srp.contract.FrameMessage;
import dev.srp.contract.FrameSerde;
import dev.srp.contract.KafkaConnection;
import dev.srp.contract.MessageLimits;
import dev.srp.contract.PayloadCodec;
import dev.srp.contract.Topics;
import dev.srp.testsupport.KafkaBroker;
import io.prometheus.client.CollectorRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
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

/**
 * A worker stopped mid-shot and a new one with an empty state directory on the same application id, against a
 * real in-JVM KRaft broker with the real model and the built-in segmenter: the new worker restores the shot's masks
 * from the changelog and segments nothing.
 */
class MaskCacheRestartIT {
    private static final MessageLimits LIMITS = MessageLimits.defaults();
    private static final Topics TOPICS = Topics.withPrefix("masks-it.");
    @RegisterExtension
    static final KafkaBroker BROKER = KafkaBroker.withLimits(LIMITS);
    private static final String APP = "srp-worker-mask-restart-it";
    private static final int FIRST = 6;
    private static final int REST = 7;

    @TempDir
    Path firstState;
    @TempDir
    Path secondState;

    @Test
    void aWorkerRestartedMidShotReusesTheStoredMasks() throws Exception {
        BROKER.createTopics(TOPICS, 1);
        String bootstrap = BROKER.bootstrapServers();
        produce(bootstrap, 0, FIRST, false);
        CollectorRegistry first = new CollectorRegistry();
        try (KafkaConsumer<String, FrameMessage> reader = reader(bootstrap)) {
            List<FrameMessage> out = new ArrayList<>();
            try (SrWorker worker = new SrWorker(config(bootstrap, firstState), new WorkerMetrics(first))) {
                worker.start();
                readUntil(reader, out, FIRST, worker);
            }
            assertEquals(1.0, first.getSampleValue("srp_worker_mask_computations_total"));
            assertEquals(FIRST - 1.0, first.getSampleValue("srp_worker_mask_cache_hits_total"));

            produce(bootstrap, FIRST, REST, true);
            CollectorRegistry second = new CollectorRegistry();
            try (SrWorker worker = new SrWorker(config(bootstrap, secondState), new WorkerMetrics(second))) {
                worker.start();
                readUntil(reader, out, FIRST + REST + 1, worker);
            }
            TreeSet<Long> indexes = new TreeSet<>();
            out.stream().filter(m -> !m.isEndOfStream()).forEach(m -> indexes.add(m.frameIndex()));
            assertEquals(FIRST + REST, indexes.size(), "every frame exactly once: " + indexes);
            assertEquals(0.0, second.getSampleValue("srp_worker_mask_computations_total"),
                    "the restarted worker must not segment the shot again");
            assertEquals(0.0, second.getSampleValue("srp_worker_mask_cache_misses_total"));
            assertEquals((double) REST, second.getSampleValue("srp_worker_mask_cache_hits_total"));
            assertEquals(1.0, second.getSampleValue("srp_worker_mask_cache_evictions_total",
                    new String[] {"reason"}, new String[] {WorkerMetrics.EVICTION_SHOT_ENDED}),
                    "the end marker retires the restored shot");
        }
    }

    private static WorkerConfig config(String bootstrap, Path stateDir) {
        return new WorkerConfig(KafkaConnection.to(bootstrap, TOPICS, LIMITS), APP, TestFrames.MODEL_X4, 4, 4,
                Duration.ofMillis(20),
                stateDir, 1, 2, PayloadCodec.RAW, MaskSettings.withMode(MaskMode.ALWAYS));
    }

    /** Frames {@code from .. from+count-1} of shot 0, with a textured picture so the segmenter has work. */
    private static void produce(String bootstrap, int from, int count, boolean end) {
        Map<String, Object> props = new HashMap<>(LIMITS.producerConfig());
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaProducer<String, FrameMessage> producer = new KafkaProducer<>(props, new StringSerializer(),
                FrameSerde.defaultCodec())) {
            for (int i = from; i < from + count; i++) {
                FrameMessage m = FrameMessage.frame("restart", i, i * 40_000L, TestFrames.RATE, TestFrames.WIDTH,
                        TestFrames.HEIGHT, dev.srp.contract.PixelFormat.RGB24, 0,
                        TestFrames.ramp(TestFrames.WIDTH, TestFrames.HEIGHT));
                producer.send(new ProducerRecord<>(TOPICS.framesLr(), m.key(), m));
            }
            if (end) {
                FrameMessage m = FrameMessage.endOfStream("restart", from + count, (from + count) * 40_000L,
                        TestFrames.RATE);
                producer.send(new ProducerRecord<>(TOPICS.framesLr(), m.key(), m));
            }
            producer.flush();
        }
    }

    private static KafkaConsumer<String, FrameMessage> reader(String bootstrap) {
        Map<String, Object> props = new HashMap<>(LIMITS.consumerConfig());
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "srp-mask-restart-reader");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        KafkaConsumer<String, FrameMessage> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                FrameSerde.defaultCodec());
        consumer.subscribe(List.of(TOPICS.framesHr()));
        return consumer;
    }

    private static void readUntil(KafkaConsumer<String, FrameMessage> reader, List<FrameMessage> out, int total,
                                  SrWorker worker) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (out.size() < total) {
            worker.failure().ifPresent(e -> fail("worker failed", e));
            assertTrue(System.nanoTime() < deadline, "only " + out.size() + " of " + total + " HR records came");
            for (ConsumerRecord<String, FrameMessage> r : reader.poll(Duration.ofMillis(200))) {
                out.add(r.value());
            }
        }
    }
}
