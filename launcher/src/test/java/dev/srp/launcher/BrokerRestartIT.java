package dev.srp.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srp.broker.EmbeddedKafka;
import dev.srp.contract.MessageLimits;
import dev.srp.contract.Topics;
import dev.srp.testsupport.MpegTsSender;
import dev.srp.testsupport.SyntheticClip;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 the Kafka broker in the middle of a stream and start it again on the same data directory and ports,
 * while ingest, the worker and egress (each its own process) keep running: they must ride out the outage, and the
 * output must still hold every frame exactly once, in order. The broker runs as a process of its own
 * ({@link EmbeddedKafka#main}), so the kill is a real crash: no clean shutdown, open transactions left open.
 */
class BrokerRestartIT {
    private static final MessageLimits LIMITS = MessageLimits.defaults();
    private static final Topics TOPICS = Topics.defaults();
    private static final SyntheticClip CLIP = new SyntheticClip(160, 96, 25, 300, new int[] {60, 150, 220}, true,
            false);
    private static final String STREAM = "restart";
    private static final String READY = "srp broker ready at ";
    /** The broker stays down this long: a crash and an automatic restart by a supervisor. */
    private static final Duration OUTAGE = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @Test
    void aBrokerKilledMidStreamAndRestartedLosesAndRepeatsNoFrame() throws Exception {
        int frames = CLIP.frames();
        Path input = dir.resolve("clip.mp4");
        CLIP.write(input);
        Path output = dir.resolve(STREAM + ".mp4");
        String brokerDir = dir.resolve("broker").toString();
        // the broker's processes are closed last, so the services do not wait out timeouts against a dead broker
        try (ServiceProcesses brokers = new ServiceProcesses(dir);
             ServiceProcesses services = new ServiceProcesses(dir);
             ServiceProcesses ingests = new ServiceProcesses(dir)) {
            brokers.startMain("broker-1", EmbeddedKafka.class.getName(), brokerDir);
            String bootstrap = brokers.awaitLogLine("broker-1", READY, Duration.ofSeconds(60));
            MetricsScrape worker = startWorkerAndEgress(services, bootstrap);
            // apart from the services: it may finish (a file decodes fast) before the broker is killed
            ingests.start("ingest", "ingest", "--bootstrap", bootstrap, "--stream-id", STREAM, input.toString());

            double before = awaitFramesOut(services, worker, 30);
            brokers.kill("broker-1");
            long killedAt = System.nanoTime();
            Thread.sleep(OUTAGE.toMillis());
            brokers.startMain("broker-2", EmbeddedKafka.class.getName(), brokerDir);
            assertEquals(bootstrap, brokers.awaitLogLine("broker-2", READY, Duration.ofSeconds(60)),
                    "the restarted broker listens where the first did");
            double down = (System.nanoTime() - killedAt) / 1e9;
            assertFalse(Files.exists(output), "the output was finished before the broker came back");

            int ingestExit = ingests.awaitExit("ingest", Duration.ofSeconds(180));
            assertEquals(0, ingestExit, "ingest failed: " + ingests.logs());
            services.awaitFile(output, Duration.ofSeconds(180));
            double recovery = (System.nanoTime() - killedAt) / 1e9;

            FrameAccounting file = new FrameAccounting(frames, DeliveredFrames.inVideo(output, 4));
            FrameAccounting lr = new FrameAccounting(frames, DeliveredFrames.committedOnTopic(bootstrap, LIMITS,
                    TOPICS.framesLr(), STREAM));
            FrameAccounting hr = new FrameAccounting(frames, DeliveredFrames.committedOnTopic(bootstrap, LIMITS,
                    TOPICS.framesHr(), STREAM));
            System.out.printf("frame accounting, broker killed: %s; committed %s %d (duplicated %s), %s %d "
                            + "(duplicated %s); the worker had sent %.0f frames at SIGKILL; broker down %.1f s; "
                            + "output %.1f s after the kill%n", file.summary(), TOPICS.framesLr(), lr.seen().size(),
                    lr.duplicated(), TOPICS.framesHr(), hr.seen().size(), hr.duplicated(), before, down, recovery);
            file.assertExactlyOnceInOrder("output file");
            lr.assertExactlyOnce("committed " + TOPICS.framesLr());
            hr.assertExactlyOnce("committed " + TOPICS.framesHr());
        }
    }

    /**
     * A live camera keeps sending while the broker is down: ingest holds its open transaction (the producer keeps
     * the records) and retries the commit until the broker is back, so the stream goes on. Camera frames sent while
     * ingest was blocked may be lost on the way (UDP, with FFmpeg's receive buffer full), but every frame ingest
     * published comes out exactly once, in order.
     */
    @Test
    void aLiveStreamRidesOutABrokerKilledAndRestarted() throws Exception {
        SyntheticClip camera = new SyntheticClip(160, 96, 25, 750, new int[0], false, false);
        int port;
        try (DatagramSocket probe = new DatagramSocket(0)) {
            port = probe.getLocalPort();
        }
        String url = "udp://127.0.0.1:" + port;
        Path output = dir.resolve("cam.mp4");
        String brokerDir = dir.resolve("broker").toString();
        try (ServiceProcesses brokers = new ServiceProcesses(dir);
             ServiceProcesses services = new ServiceProcesses(dir);
             MpegTsSender sender = MpegTsSender.open(camera, url)) {
            brokers.startMain("broker-1", EmbeddedKafka.class.getName(), brokerDir);
            String bootstrap = brokers.awaitLogLine("broker-1", READY, Duration.ofSeconds(60));
            MetricsScrape worker = startWorkerAndEgress(services, bootstrap);
            services.start("ingest", "ingest", "--bootstrap", bootstrap, "--stream-id", "cam", "--open-timeout",
                    "PT5S", "--reconnect-for", "PT0S", url);
            assertTrue(MpegTsSender.awaitUdpListener(port, 60_000), "ingest never listened: " + services.logs());
            CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
                try {
                    sender.send(0, camera.frames(), true);
                } catch (Exception e) {
                    throw new IllegalStateException("the test camera failed", e);
                }
            });

            double before = awaitFramesOut(services, worker, 30);
            brokers.kill("broker-1");
            long killedAt = System.nanoTime();
            Thread.sleep(OUTAGE.toMillis());
            brokers.startMain("broker-2", EmbeddedKafka.class.getName(), brokerDir);
            brokers.awaitLogLine("broker-2", READY, Duration.ofSeconds(60));
            double down = (System.nanoTime() - killedAt) / 1e9;
            sending.get(120, TimeUnit.SECONDS);

            int ingestExit = services.awaitExit("ingest", Duration.ofSeconds(120));
            assertEquals(0, ingestExit, "ingest did not ride out the outage: " + services.logs());
            services.awaitFile(output, Duration.ofSeconds(180));

            List<Integer> lr = DeliveredFrames.committedOnTopic(bootstrap, LIMITS, TOPICS.framesLr(), "cam");
            FrameAccounting published = new FrameAccounting(lr.size(), lr);
            FrameAccounting hr = new FrameAccounting(lr.size(), DeliveredFrames.committedOnTopic(bootstrap, LIMITS,
                    TOPICS.framesHr(), "cam"));
            List<Integer> cameraFrames = DeliveredFrames.inVideo(output, 4);
            int backwards = 0;
            for (int i = 1; i < cameraFrames.size(); i++) {
                backwards += cameraFrames.get(i) <= cameraFrames.get(i - 1) ? 1 : 0;
            }
            System.out.printf("frame accounting, broker killed under a live stream: camera sent %d, ingest published "
                            + "%d (missing %s, duplicated %s), %s committed %d (duplicated %s); output %d frames, "
                            + "%d not after the one before; the worker had sent %.0f at SIGKILL; broker down %.1f s%n",
                    camera.frames(), lr.size(), published.missing(), published.duplicated(), TOPICS.framesHr(),
                    hr.seen().size(), hr.duplicated(), cameraFrames.size(), backwards, before, down);
            published.assertExactlyOnce("committed " + TOPICS.framesLr());
            hr.assertExactlyOnce("committed " + TOPICS.framesHr());
            assertEquals(lr.size(), cameraFrames.size(), "frames in the output");
            assertEquals(0, backwards, "camera frames out of order or repeated in the output: " + cameraFrames);
            assertTrue(lr.size() > camera.frames() / 2, "most camera frames got through: " + lr.size());
            assertTrue(ingestWaited(dir),
                    "ingest never waited for the broker, so the kill tested nothing: " + services.logs());
        }
    }

    /** Waits until the worker has sent {@code frames} frames (and not the whole clip yet); returns the count. */
    private static double awaitFramesOut(ServiceProcesses services, MetricsScrape worker, int frames)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        double out;
        while (Double.isNaN(out = worker.value("srp_worker_frames_out_total")) || out < frames) {
            services.assertAlive();
            assertTrue(System.nanoTime() < deadline, "the worker stayed at " + out + " frames: " + services.logs());
            Thread.sleep(50);
        }
        assertTrue(out < 300, "the whole stream was through before the kill");
        return out;
    }

    /** Whether ingest logged that Kafka kept it waiting: in a send (metadata) or a commit. */
    private static boolean ingestWaited(Path dir) throws java.io.IOException {
        String log = Files.readString(dir.resolve("ingest.log"));
        return log.contains("was away for") || log.contains("still trying");
    }

    /** One worker (its metrics scraped) and one egress writing {stream}.mp4 into the test's folder. */
    private MetricsScrape startWorkerAndEgress(ServiceProcesses services, String bootstrap) throws Exception {
        MetricsScrape worker = new MetricsScrape(PrometheusProcess.freePort());
        services.start("worker", "worker", "--bootstrap", bootstrap, "--state-dir", dir.resolve("state").toString(),
                "--inference-threads", "1", "--metrics-port", Integer.toString(worker.port()));
        services.start("egress", "egress", "--bootstrap", bootstrap, "--output", dir.resolve("{stream}.mp4").toString(),
                "--preset", "veryfast", "--spill-dir", dir.resolve("spill").toString());
        return worker;
    }
}
