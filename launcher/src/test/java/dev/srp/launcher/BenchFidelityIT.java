package dev.srp.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code srp bench} reports fidelity beside speed: on the committed HR/LR pair with a lossless output, no invalid
 * frame, the pipeline's output within 8-bit rounding of the model-only output, and both closer to the ground truth
 * than FFmpeg's bicubic.
 */
class BenchFidelityIT {
    @Test
    void theTableSaysThePixelsAreRight() {
        String lr = SrpHome.path().resolve("samples/dog-lr-160x90.mkv").toString();
        String hr = SrpHome.path().resolve("samples/dog-hr-640x360.mkv").toString();
        CliRun run = CliRun.of("bench", lr, "--reference", hr, "--codec", "ffv1");
        assertEquals(0, run.exitCode(), run.stderr());
        List<String> lines = run.stdout().lines().toList();
        String[] ffmpeg = columns(lines, "ffmpeg bicubic");
        String[] model = columns(lines, "model only");
        String[] pipeline = columns(lines, "srp upscale, raw");
        assertEquals("0", model[model.length - 3], "invalid model-only frames: " + run.stdout());
        assertEquals("0", pipeline[pipeline.length - 5], "invalid pipeline frames: " + run.stdout());
        double worstVsModel = Double.parseDouble(pipeline[pipeline.length - 4]);
        assertTrue(worstVsModel >= PipelineParityIT.MIN_Y_PSNR, "pipeline against model-only: " + run.stdout());
        double ffmpegVsRef = Double.parseDouble(ffmpeg[ffmpeg.length - 1]);
        assertTrue(Double.parseDouble(model[model.length - 1]) > ffmpegVsRef, run.stdout());
        assertTrue(Double.parseDouble(pipeline[pipeline.length - 1]) > ffmpegVsRef, run.stdout());
    }

    private static String[] columns(List<String> lines, String row) {
        String line = lines.stream().filter(l -> l.startsWith(row)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + row + " in " + lines));
        return Arrays.stream(line.split("\\s+")).filter(s -> !s.isEmpty()).toArray(String[]::new);
    }
}
