package dev.srp.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srp.contract.MessageLimits;
import dev.srp.testsupport.KafkaBroker;
import dev.srp.testsupport.SyntheticClip;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster deployment in miniature: a broker, two {@code srp worker} processes in one consumer group and one
 * {@code srp egress} process, each a separate JVM started from the command line, and {@code srp ingest} publishing a
 * clip with three shots. The output must hold every frame once, in order.
 */
class SeparateServicesIT {
    /** A broker per test: the services run on the default topics and group ids. */
    @RegisterExtension
    final KafkaBroker broker = KafkaBroker.withLimits(MessageLimits.defaults());
    private static final int FRAMES = 60;

    @TempDir
    Path dir;

    @Test
    void twoWorkersAndAnEgressProcessUpscaleAStream() throws Exception {
        SyntheticClip clip = new SyntheticClip(160, 96, 25, FRAMES, new int[] {20, 40}, true, false);
        Path input = dir.resolve("clip.mp4");
        clip.write(input);
        try (ServiceProcesses services = new ServiceProcesses(dir)) {
            String bootstrap = broker.bootstrapServers();
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

    /**
     * A worker alone cannot keep up with a clip ingest publishes at decode speed: its consumer lag shows it, and a
     * second worker started mid-stream joins the group, takes over partitions and upscales part of the stream.
     */
    @Test
    void aWorkerThatFallsBehindShowsLagAndASecondOneJoinsWhileTheStreamRuns() throws Exception {
        // long enough that worker-1 is still busy when worker-2 has started and joined, on a loaded 2-core machine
        // too: with 400 frames worker-2 took 150 of them on a quiet machine and none on a busy one
        int frames = 800;
        SyntheticClip clip = new SyntheticClip(160, 96, 25, frames, IntStream.range(1, 16).map(i -> 50 * i).toArray(),
                true, false);
        Path input = dir.resolve("clip.mp4");
        clip.write(input);
        try (ServiceProcesses services = new ServiceProcesses(dir)) {
            String bootstrap = broker.bootstrapServers();
            MetricsScrape first = startWorker(services, "worker-1", bootstrap);
            services.start("egress", "egress", "--bootstrap", bootstrap, "--output",
                    dir.resolve("{stream}.mp4").toString(), "--preset", "veryfast");
            CompletableFuture<CliRun> ingest = CompletableFuture.supplyAsync(() -> CliRun.of("ingest", "--bootstrap",
                    bootstrap, "--stream-id", "cam8", input.toString()));

            double lag = awaitLag(services, first, 50);
            double firstBeforeJoin = first.value("srp_worker_frames_out_total");
            MetricsScrape second = startWorker(services, "worker-2", bootstrap);
            CliRun ingested = ingest.get(120, TimeUnit.SECONDS);
            assertEquals(0, ingested.exitCode(), ingested.stderr());

            Path output = dir.resolve("cam8.mp4");
            services.awaitFile(output, Duration.ofSeconds(180));
            double byFirst = first.value("srp_worker_frames_out_total");
            double bySecond = second.value("srp_worker_frames_out_total");
            System.out.printf("worker join: worker-1 lag %.0f records with %.0f frames out when worker-2 started; "
                    + "frames out at the end: worker-1 %.0f, worker-2 %.0f%n", lag, firstBeforeJoin, byFirst, bySecond);
            new FrameAccounting(frames, DeliveredFrames.inVideo(output, 4)).assertExactlyOnceInOrder("output");
            assertTrue(bySecond > 0, "worker-2 upscaled nothing: it never got a partition while the stream ran");
            assertTrue(firstBeforeJoin < frames, "worker-1 had finished the stream before worker-2 joined");
        }
    }

    private MetricsScrape startWorker(ServiceProcesses services, String name, String bootstrap) throws Exception {
        MetricsScrape metrics = new MetricsScrape(PrometheusProcess.freePort());
        services.start(name, "worker", "--bootstrap", bootstrap, "--state-dir", dir.resolve(name).toString(),
                "--inference-threads", "1", "--metrics-port", Integer.toString(metrics.port()));
        return metrics;
    }

    /**
     * Waits until the worker is upscaling (some frames out) and its consumer lag is at least {@code records}, and
     * returns the lag.
     */
    private static double awaitLag(ServiceProcesses services, MetricsScrape metrics, double records)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        double lag;
        while (Double.isNaN(lag = metrics.value("srp_worker_consumer_lag_records")) || lag < records
                || !(metrics.value("srp_worker_frames_out_total") >= 8)) {
            services.assertAlive();
            assertTrue(System.nanoTime() < deadline, "the worker's lag stayed at " + lag + ": " + services.logs());
            Thread.sleep(100);
        }
        return lag;
    }
}
