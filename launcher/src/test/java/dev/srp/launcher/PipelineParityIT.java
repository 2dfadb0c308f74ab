package dev.srp.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srp.bench.YPsnr;
import dev.srp.contract.MessageLimits;
import dev.srp.testsupport.KafkaBroker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code srp upscale} writes is what its model computes: real footage through the whole pipeline with the
 * shipped default model and a lossless FFV1 output, every decoded frame against the same TorchScript run by torch
 * in Python on the same LR frame, masks and noise ({@link ModelReference}). Only 8-bit rounding (in the model's
 * output and in FFV1's RGB to YUV 4:4:4 and back) may differ: Y-PSNR at least {@value #MIN_Y_PSNR} dB per frame.
 */
class PipelineParityIT {
    @RegisterExtension
    static final KafkaBroker BROKER = KafkaBroker.withLimits(MessageLimits.defaults());
    static final double MIN_Y_PSNR = 45.0;
    private static final Path DEFAULT_MODEL = SrpHome.path().resolve("models/samsr-fast-x4.pt");
    private static final Path DEFAULT_X2_MODEL = SrpHome.path().resolve("models/samsr-fast-x2.pt");

    @TempDir
    Path dir;

    /** The README's sample: 320x180, 190 frames, two shots (116 and 74 frames). */
    @Test
    void theSampleClipFrameByFrame() throws Exception {
        parity(VideoFrames.SAMPLE.toString(), 190, 4, DEFAULT_MODEL);
    }

    /** Another size: 80 frames across the sample's cut (36 and 44 frames a shot), scaled to 224x128. */
    @Test
    void anExcerptAtAnotherSize() throws Exception {
        Path excerpt = VideoFrames.excerpt(VideoFrames.SAMPLE, 80, 160, "scale=224:128:flags=area",
                dir.resolve("excerpt-224x128.mkv"));
        parity(excerpt.toString(), 80, 4, DEFAULT_MODEL);
    }

    /** {@code --scale 2} with no model named runs the trained fast x2 model, on the same excerpt. */
    @Test
    void theDefaultX2ModelOnAnExcerpt() throws Exception {
        Path excerpt = VideoFrames.excerpt(VideoFrames.SAMPLE, 80, 160, "scale=224:128:flags=area",
                dir.resolve("excerpt-224x128.mkv"));
        parity(excerpt.toString(), 80, 2, DEFAULT_X2_MODEL);
    }

    private void parity(String input, int frames, int scale, Path model) throws Exception {
        Path output = dir.resolve("out-" + frames + "-x" + scale + ".mkv");
        CliRun run = scale == 4
                ? CliRun.of("upscale", input, output.toString(), "--codec", "ffv1", "--no-progress")
                : CliRun.of("upscale", input, output.toString(), "--scale", String.valueOf(scale), "--codec", "ffv1",
                        "--no-progress");
        assertEquals(0, run.exitCode(), run.stderr());
        List<byte[]> written = VideoFrames.decode(output);
        List<ModelReference.Frame> reference = ModelReference.compute(BROKER, input, model, scale,
                dir.resolve("reference-" + frames + "-x" + scale));
        assertEquals(frames, written.size(), "frames written");
        assertEquals(frames, reference.size(), "frames ingested");
        Map<Long, List<Double>> byShot = new LinkedHashMap<>();
        List<String> below = new ArrayList<>();
        double worst = Double.POSITIVE_INFINITY;
        for (int i = 0; i < frames; i++) {
            ModelReference.Frame ref = reference.get(i);
            assertEquals(i, ref.index());
            double psnr = YPsnr.of(ref.expected(), written.get(i));
            byShot.computeIfAbsent(ref.shot(), s -> new ArrayList<>()).add(psnr);
            worst = Math.min(worst, psnr);
            if (psnr < MIN_Y_PSNR) {
                below.add(String.format(Locale.ROOT, "frame %d (shot %d): %.2f dB", i, ref.shot(), psnr));
            }
        }
        ModelReference.Frame first = reference.get(0);
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                "parity %s, %dx%d -> x%d, %d frames: worst %.2f dB%n", input, first.lrWidth(), first.lrHeight(),
                scale, frames, worst));
        byShot.forEach((shot, values) -> report.append(String.format(Locale.ROOT,
                "  shot %d: %d frames, Y-PSNR min %.2f, mean %.2f dB%n", shot, values.size(),
                values.stream().mapToDouble(Double::doubleValue).min().orElse(0),
                values.stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).average().orElse(99))));
        System.out.print(report);
        assertTrue(below.isEmpty(), below.size() + " frames below " + MIN_Y_PSNR + " dB: "
                + String.join("; ", below.subList(0, Math.min(10, below.size()))) + "\n" + report);
    }
}
