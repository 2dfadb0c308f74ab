package dev.srp.worker;

import static dev.srp.worker.TestFrames.HEIGHT;
import static dev.srp.worker.TestFrames.WIDTH;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srp.contract.FrameMessage;
import dev.srp.contract.PixelFormat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run-time guard on what the model returns, with a real TorchScript test model through DJL that returns NaN
 * for reddish frames and black for greenish ones (model/make_engine_test_models.py).
 */
class InvalidOutputIT {
    private static final Path FAULTY = Path.of("src", "test", "resources", "engine", "faulty-x4-test.pt");
    @RegisterExtension
    static final LoadedModel MODEL = LoadedModel.of(FAULTY);

    private enum Tint { NONE, RED, GREEN }

    @TempDir
    Path stateDir;
    private TopologyHarness t;

    private void start(Duration latencyBudget) {
        WorkerConfig config = TopologyHarness.config("srp-worker-guard-test", FAULTY, stateDir)
                .withLatencyBudget(latencyBudget);
        t = new TopologyHarness(config, () -> new SharedUpscaler(MODEL.get()));
    }

    @AfterEach
    void closeDriver() {
        if (t != null) {
            t.close();
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

    private double invalid(String reason) {
        return t.registry.getSampleValue("srp_worker_invalid_outputs_total", new String[] {"reason"},
                new String[] {reason});
    }

    /** NaN and black frames go out as their LR pixels for egress to scale, counted by reason; the rest as computed. */
    @Test
    void invalidFramesGoOutBicubicAndAreCountedByReason() {
        start(Duration.ZERO);
        Tint[] tints = {Tint.NONE, Tint.RED, Tint.NONE, Tint.GREEN, Tint.GREEN, Tint.NONE, Tint.RED, Tint.NONE};
        for (int i = 0; i < tints.length; i++) {
            t.send(frame("clip", i, tints[i]));
        }
        t.send(FrameMessage.endOfStream("clip", tints.length, tints.length * 40_000L, TestFrames.RATE));
        List<FrameMessage> out = t.readHr();
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
        assertEquals(8.0, t.registry.getSampleValue("srp_worker_frames_out_total"));
    }

    /** A black output of a black input is right, not a fault. */
    @Test
    void aFlatOutputOfAFlatInputIsValid() {
        start(Duration.ZERO);
        t.send(FrameMessage.frame("clip", 0, 0, TestFrames.RATE, WIDTH, HEIGHT, PixelFormat.RGB24, 0,
                TestFrames.flat(WIDTH, HEIGHT, 0, 0, 0)));
        t.send(FrameMessage.endOfStream("clip", 1, 40_000, TestFrames.RATE));
        assertEquals(1, t.readHr().get(0).upscaleBy());
        assertEquals(0.0, invalid("constant"));
    }

    /** A remaster whose model gives only invalid frames stops with an error instead of writing a file of them. */
    @Test
    void aFileRunStopsWhenEveryFrameIsInvalid() {
        start(Duration.ZERO);
        RuntimeException e = assertThrows(RuntimeException.class, () -> {
            for (int i = 0; i < OutputGuard.STOP_AFTER; i++) {
                t.send(frame("clip", i, Tint.RED));
            }
            t.send(FrameMessage.endOfStream("clip", OutputGuard.STOP_AFTER, 0, TestFrames.RATE));
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
            t.send(frame("cam", i, Tint.RED));
        }
        t.send(FrameMessage.endOfStream("cam", frames, 0, TestFrames.RATE));
        List<FrameMessage> out = t.readHr();
        assertEquals(frames + 1, out.size());
        assertTrue(out.subList(0, frames).stream().allMatch(f -> f.upscaleBy() == 4));
        assertEquals(frames, invalid("non_finite"));
    }
}
