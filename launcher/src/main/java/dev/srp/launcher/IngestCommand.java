package dev.srp.launcher;

import dev.srp.ingest.Ingest;
import dev.srp.ingest.IngestConfig;
import dev.srp.ingest.IngestListener;
import dev.srp.ingest.IngestMetrics;
import dev.srp.ingest.IngestResult;
import dev.srp.pipeline.StreamIds;
import io.prometheus.client.CollectorRegistry;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code srp ingest --bootstrap B INPUT}: decode one input and publish it to an external Kafka. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Decode INPUT and publish its frames and audio to Kafka for the SR workers.",
                "Run again with the same stream id after a crash, it resumes where the last run stopped; a stream "
                        + "published completely is not published again."})
final class IngestCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "INPUT", descriptionKey = "input") String input;
    @Option(names = "--stream-id") String streamId;
    @Mixin SourceOptions source = new SourceOptions();
    @Mixin ServiceOptions service = new ServiceOptions();

    @Override
    public Integer call() {
        KafkaOptions kafka = service.kafka;
        String id = streamId != null ? streamId : StreamIds.forInput(input);
        CollectorRegistry registry = new CollectorRegistry();
        try (MetricsServer server = service.start(registry)) {
            IngestConfig config = source.settings().ingestConfig(input, id, kafka.connection());
            IngestResult result = new Ingest(config, new IngestMetrics(registry)).run(new IngestListener() { });
            if (result.alreadyComplete()) {
                System.out.printf("srp ingest: stream %s was already published completely (%d frames); nothing to "
                        + "do. To upscale it again, give it a new --stream-id.%n", id, result.frames());
            } else {
                System.out.printf("srp ingest: stream %s: %d frames, %d shots, %d audio chunks published%s%n", id,
                        result.frames(), result.shots(), result.audioChunks(), result.resumedAtFrame() == 0 ? ""
                                : " (resumed: frames 0-" + (result.resumedAtFrame() - 1) + " came from an earlier run)");
            }
            return 0;
        }
    }
}
