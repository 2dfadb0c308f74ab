package dev.srp.launcher;

import io.prometheus.client.CollectorRegistry;
import java.nio.file.Path;
import dev.srp.contract.PayloadCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code srp bench INPUT}: measures, side by side in one run on the same clip, the full pipeline, the model alone
 * and FFmpeg's own bicubic scaling, and prints absolute fps with ratios (shared machines are noisy; ratios from
 * one run are what can be compared).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure pipeline, model-only and FFmpeg-bicubic throughput on INPUT, side by side.")
final class BenchCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "INPUT", description = "Video file to measure with.")
    String input;

    @Option(names = "--runs", defaultValue = "1",
            description = "Pipeline runs per payload encoding, interleaved (default: ${DEFAULT-VALUE}).")
    int runs;

    @Mixin
    ModelOptions model = new ModelOptions();

    @Mixin
    EncodeOptions encode = new EncodeOptions();

    @Override
    public Integer call() throws Exception {
        Path work = TempDirs.create("srp-bench-");
        try {
            BenchResults.Row ffmpeg = FfmpegBicubicBench.run(input, model.scale, encode, work.resolve("ffmpeg.mp4"));
            BenchResults.Row modelOnly = ModelOnlyBench.run(input, model.modelPath(), model.scale, model.batchSize,
                    model.threads());
            List<BenchResults.Row> rows = new ArrayList<>(List.of(ffmpeg, modelOnly));
            String modelName = "";
            for (int run = 1; run <= runs; run++) {
            for (PayloadCodec codec : PayloadCodec.values()) {
                UpscaleRequest request = new UpscaleRequest(input, work.resolve("pipeline-" + codec + ".mp4").toString(),
                        model.modelPath(), model.scale, encode.videoCodec(), encode.crf, encode.preset,
                        model.batchSize, model.threads(), SourceSettings.strictFile(), codec, model.maskSettings(), java.time.Duration.ZERO, 0);
                PipelineTiming timing = new PipelineTiming();
                UpscaleSummary summary = new LocalPipeline(request, new CollectorRegistry()).run(timing);
                modelName = summary.model() + " on " + summary.device();
                rows.add(new BenchResults.Row("srp upscale, " + codec.name().toLowerCase(Locale.ROOT)
                        + " HR payload", summary.egress().frames(), summary.wall().toNanos() / 1e9,
                        timing.steadySeconds()));
            }
            }
            System.out.println(new BenchResults(input, modelName, rows).table());
            return 0;
        } finally {
            TempDirs.deleteQuietly(work);
        }
    }

    /** Times the pipeline from its first written frame to its last, leaving out broker and model start-up. */
    private static final class PipelineTiming implements LocalPipeline.Listener {
        private long firstNanos;
        private long lastNanos;
        private long firstFrames;
        private long lastFrames;

        @Override
        public void onSource(dev.srp.ingest.SourceInfo source) {
            // the total is not needed for timing
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
