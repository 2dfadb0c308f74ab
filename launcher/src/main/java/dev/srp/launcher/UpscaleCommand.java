package dev.srp.launcher;

import dev.srp.ingest.SourceInfo;
import dev.srp.pipeline.LocalPipeline;
import dev.srp.pipeline.UpscaleRequest;
import dev.srp.pipeline.UpscaleSummary;
import dev.srp.worker.InvalidOutputReport;
import dev.srp.worker.MaskCacheReport;
import io.prometheus.client.CollectorRegistry;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code srp upscale INPUT OUTPUT}: the whole pipeline in this JVM on an embedded broker. */
@Command(name = "upscale", mixinStandardHelpOptions = true,
        description = "Upscale one video (file or URL) into OUTPUT, running ingest, sr-worker and egress in this "
                + "process on an embedded Kafka broker.")
final class UpscaleCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "INPUT", descriptionKey = "input") String input;
    @Parameters(index = "1", paramLabel = "OUTPUT", descriptionKey = "output") String output;
    @Mixin ModelOptions model = new ModelOptions();
    @Mixin EncodeOptions encode = new EncodeOptions();
    @Mixin PayloadOptions payload = new PayloadOptions();
    @Mixin MetricsOptions metrics = new MetricsOptions();
    @Mixin SourceOptions source = new SourceOptions();
    @Option(names = {"-v", "--verbose"}) boolean verbose;
    @Option(names = "--no-progress") boolean noProgress;

    @Override
    public Integer call() {
        UpscaleRequest request = new UpscaleRequest(input, output, model.modelPath(), model.scale,
                encode.videoCodec(), encode.crf, encode.preset, model.batchSize, model.threads(), source.settings(),
                payload.codec(), model.maskSettings(), model.latencyBudget, encode.hlsWindow);
        CollectorRegistry registry = new CollectorRegistry();
        try (MetricsServer server = MetricsServer.start(metrics, registry);
             Progress progress = noProgress ? null : new Progress("upscale")) {
            UpscaleSummary summary = new LocalPipeline(request, registry).run(new LocalPipeline.Listener() {
                @Override
                public void onSource(SourceInfo source) {
                    if (progress != null) {
                        progress.expect(source.estimatedFrames());
                    }
                }

                @Override
                public void onFramesWritten(long frames) {
                    if (progress != null) {
                        progress.framesDone(frames);
                    }
                }
            });
            if (progress != null) {
                progress.close();
            }
            System.out.println(summary.describe());
            MaskCacheReport.describe(registry).ifPresent(System.out::println);
            InvalidOutputReport.describe(registry).ifPresent(System.out::println);
            return 0;
        }
    }
}
