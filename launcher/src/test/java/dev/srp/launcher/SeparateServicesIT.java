package dev.srp.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.srp.broker.EmbeddedKafka;
import dev.srp.contract.MessageLimits;
import dev.srp.media.SyntheticClip;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster deployment in miniature: a broker, two {@code srp worker} processes in one consumer group and one
 * {@code srp egress} process, each a separate JVM started from the command line, and {@code srp ingest} publishing a
 * clip with three shots. The output must hold every frame once, in order.
 */
class SeparateServicesIT {
    private static final int FRAMES = 60;

    @TempDir
    Path dir;

    @Test
    void twoWorkersAndAnEgressProcessUpscaleAStream() throws Exception {
        SyntheticClip clip = new SyntheticClip(160, 96, 25, FRAMES, new int[] {20, 40}, true, false);
        Path input = dir.resolve("clip.mp4");
        clip.write(input);
        try (EmbeddedKafka kafka = EmbeddedKafka.start(MessageLimits.defaults());
             ServiceProcesses services = new ServiceProcesses(dir)) {
            String bootstrap = kafka.bootstrapServers();
            for (int i = 0; i < 2; i++) {
                services.start("worker-" + i, "worker", "--bootstrap", bootstrap, "--state-dir",
                        dir.resolve("state-" + i).toString(), "--inference-threads", "1");
            }
            services.start("egress", "egress", "--bootstrap", bootstrap, "--output",
                    dir.resolve("{stream}.mp4").toString(), "--preset", "veryfast");
            CliRun ingest = CliRun.of("ingest", "--bootstrap", bootstrap, "--stream-id", "cam7", input.toString());
            assertEquals(0, ingest.exitCode(), ingest.stderr());

            Path output = dir.resolve("cam7.mp4");
            services.awaitFile(output, Duration.ofSeconds(120));
            new FrameAccounting(FRAMES, DeliveredFrames.inVideo(output, 4)).assertExactlyOnceInOrder("output");
        }
    }
}
