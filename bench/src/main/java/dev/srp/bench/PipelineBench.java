package dev.srp.bench;

import dev.srp.contract.FrameMessage;
import dev.srp.contract.PayloadCodec;
import dev.srp.egress.VideoCodec;
import dev.srp.pipeline.LocalPipeline;
import dev.srp.pipeline.RunDirectory;
import dev.srp.pipeline.SourceSettings;
import dev.srp.pipeline.UpscaleRequest;
import dev.srp.pipeline.UpscaleSummary;
import dev.srp.worker.InvalidOutputReport;
import dev.srp.worker.MaskSettings;
import io.prometheus.client.CollectorRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Measures, side by side in one run on the same clip, the full pipeline, the model alone
 * and FFmpeg's own bicubic scaling, and prints absolute fps with ratios (shared machines are noisy; ratios from
 * one run are what can be compared). Beside each speed it prints whether the pixels are right: invalid model
 * frames, the pipeline's output against the model-only output of the same frames, masks and noise, and each against
 * a ground-truth video when one is given. A speed figure on wrong pixels is not a figure.
 *
 * @param input     the clip to measure with
 * @param runs      pipeline runs per payload encoding, interleaved
 * @param reference ground-truth video at the upscaled size, or null
 */
public record PipelineBench(String input, int runs, String reference, Path model, int scale, int batchSize,
                            int threads, MaskSettings masks, VideoCodec videoCodec, int crf, String preset) {
    /** Runs every measurement and returns the table to print. */
    public String run() {
        if (reference != null) {
            OutputFidelity.checkReference(reference, input, scale);
        }
        try (RunDirectory workDir = RunDirectory.create()) {
            Path work = workDir.path();
            String extension = videoCodec == VideoCodec.FFV1 ? ".mkv" : ".mp4";
            Path ffmpegOut = work.resolve("ffmpeg" + extension);
            BenchResults.Row ffmpeg = FfmpegBicubicBench.run(input, scale, videoCodec, crf, preset, ffmpegOut);
            List<FrameMessage> lr = Collections.synchronizedList(new ArrayList<>());
            List<BenchResults.Row> pipeline = new ArrayList<>();
            List<Path> pipelineOutputs = new ArrayList<>();
            String modelName = "";
            for (int run = 1; run <= runs; run++) {
                for (PayloadCodec codec : PayloadCodec.values()) {
                    Path out = work.resolve("pipeline-" + run + "-" + codec + extension);
                    UpscaleRequest request = new UpscaleRequest(input, out.toString(), model,
                            scale, videoCodec, crf, preset, batchSize,
                            threads, SourceSettings.strictFile(), codec, masks, Duration.ZERO,
                            0);
                    PipelineTiming timing = new PipelineTiming(lr.isEmpty() ? lr : null);
                    CollectorRegistry registry = new CollectorRegistry();
                    UpscaleSummary summary = new LocalPipeline(request, registry).run(timing);
                    modelName = summary.model() + " on " + summary.device();
                    pipeline.add(new BenchResults.Row("srp upscale, " + codec.name().toLowerCase(Locale.ROOT)
                            + " HR payload", summary.egress().frames(), summary.wall().toNanos() / 1e9,
                            timing.steadySeconds()).withInvalid(InvalidOutputReport.total(registry)));
                    pipelineOutputs.add(out);
                }
            }
            lr.sort(Comparator.comparingLong(FrameMessage::frameIndex));
            ModelOnlyBench.Result modelOnly = ModelOnlyBench.run(lr, model, scale,
                    batchSize, threads, masks, work.resolve("model-only.rgb"));
            List<BenchResults.Row> rows = new ArrayList<>();
            rows.add(reference == null ? ffmpeg
                    : ffmpeg.withVsReference(OutputFidelity.meanAgainstReference(ffmpegOut, reference)));
            BenchResults.Row modelRow = modelOnly.row();
            if (reference != null) {
                modelRow = modelRow.withVsReference(OutputFidelity.modelAgainstReference(modelOnly.outputs(), lr,
                        scale, reference));
            }
            rows.add(modelRow);
            for (int i = 0; i < pipeline.size(); i++) {
                OutputFidelity.Comparison c = OutputFidelity.againstModel(pipelineOutputs.get(i), modelOnly.outputs(),
                        lr, scale);
                BenchResults.Row row = pipeline.get(i).withInvalid(pipeline.get(i).invalid() + c.flat())
                        .withVsModel(c.min(), c.mean());
                if (reference != null) {
                    row = row.withVsReference(OutputFidelity.meanAgainstReference(pipelineOutputs.get(i), reference));
                }
                rows.add(row);
            }
            return new BenchResults(input, modelName, reference, rows).table();
        }
    }

    /**
     * Times the pipeline from its first written frame to its last, leaving out broker and model start-up; keeps
     * the LR frames ingest sent when given a list to keep them in.
     */
    private static final class PipelineTiming implements LocalPipeline.Listener {
        private final List<FrameMessage> keep;
        private long firstNanos;
        private long lastNanos;
        private long firstFrames;
        private long lastFrames;

        PipelineTiming(List<FrameMessage> keep) {
            this.keep = keep;
        }

        @Override
        public void onSource(dev.srp.ingest.SourceInfo source) {
            // the total is not needed for timing
        }

        @Override
        public void onLrFrame(FrameMessage frame) {
            if (keep != null) {
                keep.add(frame);
            }
        }

        @Override
        public synchronized void onFramesWritten(long frames) {
            long now = System.nanoTime();
            if (firstNanos == 0) {
                firstNanos = now;
                firstFrames = frames;
            }
            lastNanos = now;
            lastFrames = frames;
        }

        synchronized double steadySeconds() {
            long frames = lastFrames - firstFrames;
            return frames <= 0 ? Double.NaN : (lastNanos - firstNanos) / 1e9 * (frames + 1) / frames;
        }
    }
}
