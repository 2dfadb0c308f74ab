package dev.srp.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code srp upscale} with a model that returns NaN for reddish frames (the TorchScript test model of
 * model/make_engine_test_models.py): a few such frames go out bicubic with a warning line; a clip of nothing else
 * stops with one clear error and leaves no output.
 */
class InvalidModelOutputIT {
    private static final String FAULTY = SrpHome.path()
            .resolve("sr-worker/src/test/resources/engine/faulty-x4-test.pt").toString();

    @TempDir
    Path dir;

    @Test
    void aModelThatFailsEveryFrameStopsTheRunWithOneClearError() throws Exception {
        Path red = VideoFrames.lavfi("color=c=0xE08040:s=160x96:r=25,noise=alls=30:allf=t", 40,
                dir.resolve("red.mkv"));
        Path output = dir.resolve("red-x4.mkv");
        CliRun run = CliRun.of("upscale", red.toString(), output.toString(), "--model", FAULTY, "--no-progress");
        assertEquals(2, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("srp: error: model faulty-x4-test returned non-finite values")
                && run.stderr().contains("25 frames in a row"), run.stderr());
        assertFalse(Files.exists(output), "a failed run leaves no output");
    }

    @Test
    void invalidFramesAmongGoodOnesGoOutBicubicWithAWarning() throws Exception {
        Path lr = SrpHome.path().resolve("samples/dog-lr-160x90.mkv");
        Path output = dir.resolve("dog-x4.mkv");
        CliRun run = CliRun.of("upscale", lr.toString(), output.toString(), "--model", FAULTY, "--codec", "ffv1",
                "--no-progress");
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stdout().matches("(?s).*warning: the model returned \\d+ invalid frames \\(non_finite \\d+\\).*"),
                run.stdout());
        assertEquals(32, VideoFrames.decode(output).size());
    }
}
