package dev.srp.worker;

import static dev.srp.worker.TestFrames.HEIGHT;
import static dev.srp.worker.TestFrames.WIDTH;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srp.contract.FrameMessage;
import dev.srp.contract.FrameSerde;
import dev.srp.contract.MessageLimits;
import dev.srp.contract.PayloadCodec;
import dev.srp.contract.PixelFormat;
import dev.srp.contract.Topics;
import io.prometheus.client.CollectorRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run-time guard on what the model returns, with a real TorchScript test model through DJL that returns NaN
 * for reddish frames and black for greenish ones (model/make_engine_test_models.py).
 */
class InvalidOutputIT {
    private static final Path FAULTY = Path.of("src", "test", "resources", "engine", "faulty-x4-test.pt");
    private static final Topics TOPICS = Topics.defaults();
    private static final FrameSerde SERDE = FrameSerde.defaultCodec();
    private static DjlUpscaler model;

    private enum Tint { NONE, RED, GREEN }

    @TempDir
    Path stateDir;
    private CollectorRegistry registry;
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> lr;
    private TestOutputTopic<byte[], byte[]> hr;

    @BeforeAll
    static void loadModel() {
        model = DjlUpscaler.load(FAULTY, 4, 2);
    }

    @AfterAll
    static void closeModel() {
        model.close();
    }

    private void start(Duration latencyBudget) {
        WorkerConfig config = new WorkerConfig("unused:9092", "srp-worker-guard-test", TOPICS,
                MessageLimits.defaults(), FAULTY, 4, 4, Duration.ofMillis(20), stateDir, 1, 2, PayloadCodec.RAW)
                .withLatencyBudget(latencyBudget);
        registry = new CollectorRegistry();
        driver = new TopologyTestDriver(SrTopology.build(config, () -> new SharedUpscaler(model),
                new WorkerMetrics(registry)), WorkerStreamsConfig.of(config));
        lr = driver.createInputTopic(TOPICS.framesLr(), new ByteArraySerializer(), new ByteArraySerializer());
        hr = driver.createOutputTopic(TOPICS.framesHr(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void closeDriver() {
        if (driver != null) {
            driver.close();
        }
    }

    /** A ramp (never flat), pushed over one half by the tint in red or green. */
    private static FrameMessage frame(String stream, long index, Tint tint) {
        byte[] px = TestFrames.ramp(WIDTH, HEIGHT);
        for (int i = 0; i < px.length; i += 3) {
            if (tint == Tint.RED) {
                px[i] = (byte) Math.min(255, (px[i] & 0xff) + 150);
            } else if (tint == Tint.GREEN) {
                px[i + 1] = (byte) Math.min(255, (px[i + 1] & 0xff) + 200);
            }
        }
        return FrameMessage.frame(stream, index, index * 40_000, TestFrames.RATE, WIDTH, HEIGHT, PixelFormat.RGB24,
                0, px);
    }

    private void send(FrameMessage m) {
        lr.pipeInput(m.key().getBytes(StandardCharsets.UTF_8), SERDE.serialize(TOPICS.framesLr(), m));
    }

    private List<FrameMessage> readHr() {
        return hr.readValuesToList().stream().map(v -> SERDE.deserialize(TOPICS.framesHr(), v)).toList();
    }

    private double invalid(String reason) {
        return registry.getSampleValue("srp_worker_invalid_outputs_total", new String[] {"reason"},
                new String[] {reason});
    }

    /** NaN and black frames go out as their LR pixels for egress to scale, counted by reason; the rest as computed. */
    @Test
    void invalidFramesGoOutBicubicAndAreCountedByReason() {
        start(Duration.ZERO);
        Tint[] tints = {Tint.NONE, Tint.RED, Tint.NONE, Tint.GREEN, Tint.GREEN, Tint.NONE, Tint.RED, Tint.NONE};
        for (int i = 0; i < tints.length; i++) {
            send(frame("clip", i, tints[i]));
        }
        send(FrameMessage.endOfStream("clip", tints.length, tints.length * 40_000L, TestFrames.RATE));
        List<FrameMessage> out = readHr();
        assertEquals(tints.length + 1, out.size());
        for (int i = 0; i < tints.length; i++) {
            FrameMessage f = out.get(i);
            assertEquals(i, f.frameIndex());
            assertEquals(WIDTH * 4, f.outputWidth());
            if (tints[i] == Tint.NONE) {
                assertEquals(1, f.upscaleBy(), "frame " + i + " is the model's");
                assertEquals(WIDTH * 4, f.width());
            } else {
                assertEquals(4, f.upscaleBy(), "frame " + i + " (" + tints[i] + ") is left to egress");
                assertArrayEquals(frame("clip", i, tints[i]).pixels(), f.pixels(), "frame " + i);
            }
        }
        assertEquals(2.0, invalid("non_finite"));
        assertEquals(2.0, invalid("constant"));
        assertEquals(8.0, registry.getSampleValue("srp_worker_frames_out_total"));
    }

    /** A black output of a black input is right, not a fault. */
    @Test
    void aFlatOutputOfAFlatInputIsValid() {
        start(Duration.ZERO);
        send(FrameMessage.frame("clip", 0, 0, TestFrames.RATE, WIDTH, HEIGHT, PixelFormat.RGB24, 0,
                TestFrames.flat(WIDTH, HEIGHT, 0, 0, 0)));
        send(FrameMessage.endOfStream("clip", 1, 40_000, TestFrames.RATE));
        assertEquals(1, readHr().get(0).upscaleBy());
        assertEquals(0.0, invalid("constant"));
    }

    /** A remaster whose model gives only invalid frames stops with an error instead of writing a file of them. */
    @Test
    void aFileRunStopsWhenEveryFrameIsInvalid() {
        start(Duration.ZERO);
        RuntimeException e = assertThrows(RuntimeException.class, () -> {
            for (int i = 0; i < OutputGuard.STOP_AFTER; i++) {
                send(frame("clip", i, Tint.RED));
            }
            send(FrameMessage.endOfStream("clip", OutputGuard.STOP_AFTER, 0, TestFrames.RATE));
        });
        String chain = String.valueOf(e) + " / " + e.getCause();
        assertTrue(chain.contains("faulty-x4-test") && chain.contains("non-finite values")
                && chain.contains(OutputGuard.STOP_AFTER + " frames in a row"), chain);
    }

    /** A live stream goes on bicubic, the counter (and its alert) tells. */
    @Test
    void aLiveStreamGoesOnBicubic() {
        start(Duration.ofSeconds(30));
        int frames = OutputGuard.STOP_AFTER + 5;
        for (int i = 0; i < frames; i++) {
            send(frame("cam", i, Tint.RED));
        }
        send(FrameMessage.endOfStream("cam", frames, 0, TestFrames.RATE));
        List<FrameMessage> out = readHr();
        assertEquals(frames + 1, out.size());
        assertTrue(out.subList(0, frames).stream().allMatch(f -> f.upscaleBy() == 4));
        assertEquals(frames, invalid("non_finite"));
    }
}
