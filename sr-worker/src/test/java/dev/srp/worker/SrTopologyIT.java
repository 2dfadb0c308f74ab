package dev.srp.worker;

import static dev.srp.worker.TestFrames.HEIGHT;
import static dev.srp.worker.TestFrames.WIDTH;
import static dev.srp.worker.TestFrames.channel;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srp.contract.FrameMessage;
import dev.srp.contract.KafkaConnection;
import dev.srp.contract.MessageLimits;
import dev.srp.contract.PayloadCodec;
import dev.srp.contract.PixelFormat;
import dev.srp.contract.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The topology on Kafka Streams' test driver, with the real interim model through DJL (32x16 -> 128x64). */
class SrTopologyIT {
    @RegisterExtension
    static final LoadedModel MODEL = LoadedModel.of(TestFrames.MODEL_X4);

    @TempDir
    Path stateDir;
    private TopologyHarness t;

    @BeforeEach
    void startDriver() {
        startDriver(TopologyHarness.config("srp-worker-topology-test", TestFrames.MODEL_X4, stateDir));
    }

    private void startDriver(WorkerConfig config) {
        startDriver(config, () -> new SharedUpscaler(MODEL.get()));
    }

    private void startDriver(WorkerConfig config, java.util.function.Supplier<Upscaler> upscalers) {
        t = new TopologyHarness(config, upscalers);
    }

    @AfterEach
    void closeDriver() {
        t.close();
    }

    /**
     * Live mode: frames published longer ago than the latency budget skip the model and go out as their LR pixels,
     * marked for egress to upscale bicubically, counted; fresh frames still go through the model; order and
     * metadata stay.
     */
    @Test
    void framesPastTheLatencyBudgetGoOutForEgressToUpscaleAndAreCounted() {
        t.close();
        startDriver(budgetConfig("srp-worker-budget-test").withLatencyBudget(Duration.ofSeconds(2)));
        java.time.Instant now = java.time.Instant.now();
        for (int i = 0; i < 8; i++) {
            FrameMessage m = TestFrames.frame("cam", 0, i);
            // the first four were published 10 s ago: a worker that fell behind
            t.lr.pipeInput(m.key().getBytes(StandardCharsets.UTF_8),
                    TopologyHarness.SERDE.serialize(TopologyHarness.TOPICS.framesLr(), m),
                    i < 4 ? now.minusSeconds(10) : now);
        }
        t.send(FrameMessage.endOfStream("cam", 8, 320_000, TestFrames.RATE));
        List<FrameMessage> out = t.readHr();
        assertEquals(9, out.size());
        for (int i = 0; i < 8; i++) {
            FrameMessage in = TestFrames.frame("cam", 0, i);
            FrameMessage frame = out.get(i);
            assertEquals(i, frame.frameIndex());
            assertEquals(in.ptsMicros(), frame.ptsMicros());
            assertEquals(WIDTH * 4, frame.outputWidth());
            if (i < 4) {
                assertEquals(4, frame.upscaleBy(), "late frame " + i + " is left to egress");
                assertArrayEquals(in.pixels(), frame.pixels(), "late frame " + i + " carries its LR pixels");
            } else {
                assertEquals(1, frame.upscaleBy(), "fresh frame " + i + " went through the model");
                assertEquals(WIDTH * 4, frame.width());
            }
        }
        assertEquals(4.0, t.registry.getSampleValue("srp_worker_deadline_misses_total"));
        assertEquals(4.0, t.registry.getSampleValue("srp_worker_inference_batch_size_sum"), "model saw 4 frames");
        assertEquals(8.0, t.registry.getSampleValue("srp_worker_frames_out_total"));
    }

    /**
     * Live mode sheds a frame the model could not finish within its budget before the model runs, not only one
     * already past it: with the model at ~0.5 s a frame, frames published 1.2 s ago under a 2 s budget leave room
     * for one frame, the newest.
     */
    @Test
    void framesTheModelCouldNotFinishInTimeAreShedBeforeItRuns() {
        t.close();
        startDriver(budgetConfig("srp-worker-predict").withLatencyBudget(Duration.ofSeconds(2)),
                () -> new SlowUpscalerFake(MODEL.get(), 500));
        for (int i = 0; i < 4; i++) {
            t.send(TestFrames.frame("cam", 0, i)); // fresh: all four run, and the worker learns the model's pace
        }
        assertEquals(0.0, t.registry.getSampleValue("srp_worker_deadline_misses_total"));
        java.time.Instant published = java.time.Instant.now().minusMillis(1200);
        for (int i = 4; i < 8; i++) {
            FrameMessage m = TestFrames.frame("cam", 0, i);
            t.lr.pipeInput(m.key().getBytes(StandardCharsets.UTF_8),
                    TopologyHarness.SERDE.serialize(TopologyHarness.TOPICS.framesLr(), m), published);
        }
        List<FrameMessage> out = t.readHr();
        assertEquals(8, out.size());
        for (int i = 0; i < 8; i++) {
            assertEquals(i, out.get(i).frameIndex());
            assertEquals(i >= 4 && i < 7 ? 4 : 1, out.get(i).upscaleBy(), "frame " + i);
        }
        assertEquals(3.0, t.registry.getSampleValue("srp_worker_deadline_misses_total"));
        assertEquals(5.0, t.registry.getSampleValue("srp_worker_inference_batch_size_sum"), "model saw 5 frames");

        // per camera: the same counts under its stream label, gone with its end marker
        String[] stream = {"stream"};
        String[] cam = {"cam"};
        assertEquals(8.0, t.registry.getSampleValue("srp_worker_stream_frames_total", stream, cam));
        assertEquals(3.0, t.registry.getSampleValue("srp_worker_stream_shed_frames_total", stream, cam));
        t.send(FrameMessage.endOfStream("cam", 8, 320_000, TestFrames.RATE));
        assertEquals(9, out.size() + t.readHr().size());
        assertNull(t.registry.getSampleValue("srp_worker_stream_frames_total", stream, cam));
        assertNull(t.registry.getSampleValue("srp_worker_stream_shed_frames_total", stream, cam));
    }

    /**
     * The model's first call at a frame size warms it up (seconds on a CPU): a live stream's next frames must not be
     * shed as if every call took that long.
     */
    @Test
    void aModelsWarmUpDoesNotShedTheFramesAfterIt() {
        t.close();
        startDriver(budgetConfig("srp-worker-warm-up").withLatencyBudget(Duration.ofSeconds(1)),
                () -> new SlowFirstCallFake(MODEL.get(), 1500, true));
        for (int i = 0; i < 12; i++) {
            sendPublishedNow(TestFrames.frame("cam", 0, i));
        }
        List<FrameMessage> out = t.readHr();
        assertEquals(12, out.size());
        assertEquals(0.0, t.registry.getSampleValue("srp_worker_deadline_misses_total"),
                "fresh frames shed after the warm-up: " + out.stream().map(FrameMessage::upscaleBy).toList());
    }

    /**
     * One batch far slower than the budget (a GC pause, a core taken by another process) makes the model look too
     * slow for any frame; the newest frame of each batch still runs, so the worker sees the model is fast again and
     * soon upscales every fresh frame, instead of shedding every frame from then on.
     */
    @Test
    void oneSlowBatchDoesNotShedEveryFrameAfterIt() {
        t.close();
        startDriver(budgetConfig("srp-worker-slow-batch").withLatencyBudget(Duration.ofMillis(300)),
                () -> new SlowFirstCallFake(MODEL.get(), 2000, false));
        int frames = 40;
        for (int i = 0; i < frames; i++) {
            sendPublishedNow(TestFrames.frame("cam", 0, i));
        }
        List<FrameMessage> out = t.readHr();
        assertEquals(frames, out.size());
        List<Integer> lastBatch = out.subList(frames - 4, frames).stream().map(FrameMessage::upscaleBy).toList();
        assertEquals(List.of(1, 1, 1, 1), lastBatch, "the last batch of fresh frames went through the model");
        System.out.printf("after one 2 s batch under a 300 ms budget: %.0f of %d fresh frames shed%n",
                t.registry.getSampleValue("srp_worker_deadline_misses_total"), frames - 4);
    }

    private void sendPublishedNow(FrameMessage m) {
        t.lr.pipeInput(m.key().getBytes(StandardCharsets.UTF_8),
                TopologyHarness.SERDE.serialize(TopologyHarness.TOPICS.framesLr(), m), java.time.Instant.now());
    }

    /** A model that throws: live mode sends the frames out for egress to upscale and counts them; the stream goes on. */
    @Test
    void inLiveModeAFailingModelsFramesGoOutForEgressToUpscale() {
        t.close();
        startDriver(budgetConfig("srp-worker-fail-live").withLatencyBudget(Duration.ofSeconds(2)),
                ThrowingUpscalerFake::new);
        for (int i = 0; i < 4; i++) {
            t.send(TestFrames.frame("cam", 0, i));
        }
        t.send(FrameMessage.endOfStream("cam", 4, 160_000, TestFrames.RATE));
        List<FrameMessage> out = t.readHr();
        assertEquals(5, out.size(), "4 frames and the end marker");
        for (int i = 0; i < 4; i++) {
            assertEquals(4, out.get(i).upscaleBy(), "frame " + i);
            assertArrayEquals(TestFrames.frame("cam", 0, i).pixels(), out.get(i).pixels(), "frame " + i);
        }
        assertEquals(4.0, t.registry.getSampleValue("srp_worker_model_failures_total"));
    }

    /** Without a latency budget (a remaster) a failing model stops the worker rather than lowering quality. */
    @Test
    void outsideLiveModeAFailingModelStopsTheWorker() {
        t.close();
        startDriver(budgetConfig("srp-worker-fail-file"), ThrowingUpscalerFake::new);
        for (int i = 0; i < 3; i++) {
            t.send(TestFrames.frame("clip", 0, i));
        }
        RuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> t.send(TestFrames.frame("clip", 0, 3)));
        assertTrue(String.valueOf(e.getMessage()).contains("fake model failure")
                || String.valueOf(e.getCause()).contains("fake model failure"), String.valueOf(e));
        assertTrue(t.hr.isEmpty(), "nothing was sent for the failed batch");
    }

    private WorkerConfig budgetConfig(String applicationId) {
        return new WorkerConfig(KafkaConnection.to("unused:9092", TopologyHarness.TOPICS, MessageLimits.defaults()),
                applicationId,
                TestFrames.MODEL_X4,
                4, 4, Duration.ofMillis(20), stateDir, 1, 2, PayloadCodec.RAW);
    }

    @Test
    void everyFrameComesOutUpscaledWithItsKeyThenTheEndMarker() {
        for (int i = 0; i < 6; i++) {
            t.send(TestFrames.frame("clip", i < 3 ? 0 : 1, i));
        }
        FrameMessage end = FrameMessage.endOfStream("clip", 6, 240_000, TestFrames.RATE);
        t.send(end);

        List<TestRecord<byte[], byte[]>> records = t.hr.readRecordsToList();
        assertEquals(7, records.size());
        for (int i = 0; i < 6; i++) {
            FrameMessage in = TestFrames.frame("clip", i < 3 ? 0 : 1, i);
            FrameMessage out = TopologyHarness.SERDE.deserialize(TopologyHarness.TOPICS.framesHr(),
                    records.get(i).value());
            assertEquals(in.key(), new String(records.get(i).key(), StandardCharsets.UTF_8));
            assertEquals(i, out.frameIndex());
            assertEquals(in.ptsMicros(), out.ptsMicros());
            assertEquals(in.shotId(), out.shotId());
            assertEquals(WIDTH * 4, out.width());
            assertEquals(HEIGHT * 4, out.height());
            assertEquals(in.pixels()[0] & 0xff, out.pixels()[0] & 0xff, 1, "frame " + i + " red");
        }
        assertArrayEquals(TopologyHarness.SERDE.serialize(TopologyHarness.TOPICS.framesLr(), end),
                records.get(6).value(),
                "end marker passes through unchanged, after every frame");
        assertEquals(6.0, t.registry.getSampleValue("srp_worker_frames_in_total"));
        assertEquals(6.0, t.registry.getSampleValue("srp_worker_frames_out_total"));
    }

    @Test
    void aFlatFrameStaysFlatAndARampMatchesBicubic() {
        t.send(FrameMessage.frame("flat", 0, 0, TestFrames.RATE, WIDTH, HEIGHT, PixelFormat.RGB24, 0,
                TestFrames.flat(WIDTH, HEIGHT, 200, 100, 30)));
        t.send(FrameMessage.frame("flat", 1, 40_000, TestFrames.RATE, WIDTH, HEIGHT, PixelFormat.RGB24, 0,
                TestFrames.ramp(WIDTH, HEIGHT)));
        t.send(FrameMessage.endOfStream("flat", 2, 80_000, TestFrames.RATE));
        List<FrameMessage> out = t.readHr();
        assertEquals(3, out.size());

        byte[] flat = out.get(0).pixels();
        int w = WIDTH * 4;
        int[] expected = {200, 100, 30};
        for (int i = 0; i < flat.length; i++) {
            assertEquals(expected[i % 3], flat[i] & 0xff, 1, "flat frame byte " + i);
        }
        // bicubic reproduces a linear ramp exactly where its 4 taps stay inside the frame
        byte[] ramp = out.get(1).pixels();
        for (int y = 8; y < HEIGHT * 4 - 12; y++) {
            for (int x = 8; x < w - 12; x++) {
                double srcX = (x + 0.5) / 4 - 0.5;
                double srcY = (y + 0.5) / 4 - 0.5;
                assertEquals(20 + 4 * srcX, channel(ramp, w, x, y, 0), 1.0, "red at " + x + "," + y);
                assertEquals(10 + 3 * srcY, channel(ramp, w, x, y, 1), 1.0, "green at " + x + "," + y);
                assertEquals(77, channel(ramp, w, x, y, 2), 1.0, "blue at " + x + "," + y);
            }
        }
    }

    @Test
    void garbageGoesToTheDeadLetterTopicAndTheStreamGoesOn() {
        byte[] garbage = "not a frame".getBytes(StandardCharsets.UTF_8);
        t.lr.pipeInput("clip/shot-0".getBytes(StandardCharsets.UTF_8), garbage);
        t.send(TestFrames.frame("clip", 0, 0));
        t.send(FrameMessage.endOfStream("clip", 1, 40_000, TestFrames.RATE));

        List<TestRecord<byte[], byte[]>> dead = t.deadLetter.readRecordsToList();
        assertEquals(1, dead.size());
        assertArrayEquals(garbage, dead.get(0).value());
        String reason = new String(dead.get(0).headers().lastHeader(Topics.DEAD_LETTER_REASON_HEADER).value(),
                StandardCharsets.UTF_8);
        assertTrue(reason.contains("magic"), reason);
        assertEquals(TopologyHarness.TOPICS.framesLr(), new String(dead.get(0).headers()
                .lastHeader(Topics.DEAD_LETTER_SOURCE_HEADER).value(), StandardCharsets.UTF_8));
        assertEquals(1.0, t.registry.getSampleValue("srp_worker_dead_letter_total", new String[] {"reason"},
                new String[] {WorkerMetrics.REASON_MALFORMED}));
        List<FrameMessage> out = t.readHr();
        assertEquals(2, out.size());
        assertEquals(0, out.get(0).frameIndex());
        assertTrue(out.get(1).isEndOfStream());
    }

    @Test
    void fullBatchesRunAtOnceAndTheRestWhenTheLingerExpires() {
        for (int i = 0; i < 10; i++) {
            t.send(TestFrames.frame("live", 0, i));
        }
        assertEquals(8, t.readHr().size(), "two full batches of 4 run as soon as they fill");
        assertEquals(2.0, batches("+Inf"));
        assertEquals(0.0, batches("3.0"));
        assertEquals(2.0, batches("4.0"));

        t.driver.advanceWallClockTime(Duration.ofMillis(50));
        List<FrameMessage> rest = t.readHr();
        assertEquals(List.of(8L, 9L), rest.stream().map(FrameMessage::frameIndex).toList());
        assertEquals(3.0, batches("+Inf"));
        assertEquals(1.0, batches("2.0"), "the punctuator flushed the last 2 frames as one batch");
        assertEquals(10.0, t.registry.getSampleValue("srp_worker_inference_batch_size_sum"));
        assertFalse(t.registry.getSampleValue("srp_worker_frame_latency_seconds_count") < 10.0);
    }

    private double batches(String le) {
        return t.registry.getSampleValue("srp_worker_inference_batch_size_bucket", new String[] {"le"},
                new String[] {le});
    }
}
