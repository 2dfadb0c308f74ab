package dev.srp.worker;

import dev.srp.contract.FrameMessage;
import dev.srp.contract.FrameSerde;
import dev.srp.contract.KafkaConnection;
import dev.srp.contract.MessageLimits;
import dev.srp.contract.PayloadCodec;
import dev.srp.contract.Topics;
import io.prometheus.client.CollectorRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;

/** The worker's topology on Kafka Streams' test driver: its LR input, HR and dead-letter outputs, its metrics. */
final class TopologyHarness implements AutoCloseable {
    static final Topics TOPICS = Topics.defaults();
    static final FrameSerde SERDE = FrameSerde.defaultCodec();

    final CollectorRegistry registry = new CollectorRegistry();
    final TopologyTestDriver driver;
    final TestInputTopic<byte[], byte[]> lr;
    final TestOutputTopic<byte[], byte[]> hr;
    final TestOutputTopic<byte[], byte[]> deadLetter;

    /** The topology {@code build} makes with this harness's metrics. */
    TopologyHarness(WorkerConfig config, Function<WorkerMetrics, Topology> build) {
        driver = new TopologyTestDriver(build.apply(new WorkerMetrics(registry)), WorkerStreamsConfig.of(config));
        lr = driver.createInputTopic(TOPICS.framesLr(), new ByteArraySerializer(), new ByteArraySerializer());
        hr = driver.createOutputTopic(TOPICS.framesHr(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        deadLetter = driver.createOutputTopic(TOPICS.deadLetter(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    /** The worker's topology with the built-in segmenter and {@code upscalers}. */
    TopologyHarness(WorkerConfig config, Supplier<Upscaler> upscalers) {
        this(config, metrics -> SrTopology.build(config, upscalers, metrics));
    }

    /** A configuration for the test driver (no broker is reached): batches of 4, x4, raw payloads. */
    static WorkerConfig config(String applicationId, Path model, Path stateDir) {
        return new WorkerConfig(KafkaConnection.to("unused:9092", TOPICS, MessageLimits.defaults()), applicationId, model, 4, 4,
                Duration.ofMillis(20), stateDir, 1, 2, PayloadCodec.RAW);
    }

    void send(FrameMessage m) {
        lr.pipeInput(m.key().getBytes(StandardCharsets.UTF_8), SERDE.serialize(TOPICS.framesLr(), m));
    }

    List<FrameMessage> readHr() {
        return hr.readValuesToList().stream().map(v -> SERDE.deserialize(TOPICS.framesHr(), v)).toList();
    }

    @Override
    public void close() {
        driver.close();
    }
}
