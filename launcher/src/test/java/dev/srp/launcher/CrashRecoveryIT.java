package dev.srp.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srp.contract.FrameMessage;
import dev.srp.contract.MessageLimits;
import dev.srp.contract.Topics;
import dev.srp.testsupport.FrameIndexPattern;
import dev.srp.testsupport.KafkaBroker;
import dev.srp.testsupport.MpegTsSender;
import dev.srp.testsupport.SyntheticClip;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * kill -9 in the middle of a stream, then a fresh replacement: the output must still hold every frame exactly once,
 * in order. A SIGKILL runs no shutdown hook, so nothing is committed, flushed or deleted on the way out: the open
 * Kafka transaction, the consumer-group membership and the half-written {@code .part} file are left as a real crash
 * leaves them, and recovery rests on Kafka (exactly-once transactions, committed offsets) and egress's redo alone.
 * The worker dies while its open transaction already holds HR frames on the broker, so its replacement must redo
 * frames that were sent but never committed; egress dies with a half-written file. Each test prints a one-line frame accounting for the CI log.
 */
class CrashRecoveryIT {
    private static final MessageLimits LIMITS = MessageLimits.defaults();
    private static final Topics TOPICS = Topics.defaults();
    /** A broker per test: the services run on the default topics and group ids, and a crash leaves state behind. */
    @RegisterExtension
    final KafkaBroker broker = KafkaBroker.withLimits(LIMITS);
    private static final int FRAMES = 150;
    /** Four shots, so the frames spread over several partitions and stream tasks. */
    private static final SyntheticClip CLIP = new SyntheticClip(160, 96, 25, FRAMES, new int[] {40, 80, 115}, true,
            false);
    private static final int SCALE = 4;
    /** Kill once this many frames are through: well into the stream, with most of it still to come. */
    private static final int KILL_AT = 30;
    private static final String STREAM = "crash";
    /** A SIGKILLed member stays in its consumer group for the session timeout (45 s) before its partitions move. */
    private static final Duration OUTPUT_TIMEOUT = Duration.ofSeconds(180);

    @TempDir
    Path dir;

    /** Where the replacement worker starts. */
    enum Replacement {
        /** Another machine: a fresh state directory, so the pending frames and masks come from the changelogs. */
        ELSEWHERE,
        /**
         * The same machine (a container restarted with its state volume, as in docker-compose.yml): the dead
         * worker's state directory, with its unclean local stores and its process id, hence its transactional ids.
         */
        IN_PLACE
    }

    @ParameterizedTest(name = "replaced {0}")
    @EnumSource(Replacement.class)
    void aWorkerKilledMidStreamIsReplacedWithoutLosingOrRepeatingAFrame(Replacement where) throws Exception {
        Path input = writeClip();
        Path output = dir.resolve(STREAM + ".mp4");
        try (ServiceProcesses services = new ServiceProcesses(dir)) {
            String bootstrap = broker.bootstrapServers();
            MetricsScrape first = startWorker(services, "worker-1", "state-1", bootstrap);
            startEgress(services, "egress", bootstrap);
            CompletableFuture<CliRun> ingest = ingest(bootstrap, input);

            awaitMidStream(services, first, "srp_worker_frames_out_total");
            WorkerKill kill = killInsideATransaction(services, "worker-1", first, broker);
            long killedAt = System.nanoTime();
            int committedAtKill = committedFrames(bootstrap).seen().size();
            assertFalse(Files.exists(output), "the output was finished before the worker was killed");
            assertTrue(committedAtKill < FRAMES, "every frame was committed before the kill: " + committedAtKill);

            // the same consumer group (application id), so it takes over the dead worker's tasks
            MetricsScrape replacement = startWorker(services, "worker-2",
                    where == Replacement.IN_PLACE ? "state-1" : "state-2", bootstrap);
            assertIngested(ingest);
            services.awaitFile(output, OUTPUT_TIMEOUT);
            double recoverySeconds = (System.nanoTime() - killedAt) / 1e9;

            FrameAccounting file = new FrameAccounting(FRAMES, DeliveredFrames.inVideo(output, SCALE));
            FrameAccounting topic = committedFrames(bootstrap);
            int aborted = DeliveredFrames.writtenToTopic(bootstrap, LIMITS, TOPICS.framesHr(), STREAM).size()
                    - topic.seen().size();
            System.out.printf("frame accounting, worker killed, replaced %s: %s; %s committed %d, duplicated %s, aborted %d; "
                            + "worker-1 sent >= %d frames, %d committed, %d records in its open transaction at "
                            + "SIGKILL; worker-2 sent %.0f; output %.1f s after the kill%n", where, file.summary(),
                    TOPICS.framesHr(), topic.seen().size(), topic.duplicated(), aborted, kill.framesSent(),
                    committedAtKill, kill.openRecords(), replacement.value("srp_worker_frames_out_total"),
                    recoverySeconds);
            file.assertExactlyOnceInOrder("output file");
            topic.assertExactlyOnce("committed " + TOPICS.framesHr());
        }
    }

    @Test
    void anEgressKilledMidStreamIsReplacedAndRewritesTheFileFromTheStart() throws Exception {
        Path input = writeClip();
        Path output = dir.resolve(STREAM + ".mp4");
        Path part = dir.resolve(STREAM + ".mp4.part");
        try (ServiceProcesses services = new ServiceProcesses(dir)) {
            String bootstrap = broker.bootstrapServers();
            startWorker(services, "worker", "state", bootstrap);
            MetricsScrape first = startEgress(services, "egress-1", bootstrap);
            CompletableFuture<CliRun> ingest = ingest(bootstrap, input);

            int writtenBeforeKill = awaitMidStream(services, first, "srp_egress_frames_total");
            services.kill("egress-1");
            long killedAt = System.nanoTime();
            assertFalse(Files.exists(output), "the output was finished before egress was killed");
            assertTrue(Files.exists(part), "the killed egress left no half-written " + part.getFileName());

            MetricsScrape replacement = startEgress(services, "egress-2", bootstrap);
            assertIngested(ingest);
            services.awaitFile(output, OUTPUT_TIMEOUT);
            double recoverySeconds = (System.nanoTime() - killedAt) / 1e9;

            FrameAccounting file = new FrameAccounting(FRAMES, DeliveredFrames.inVideo(output, SCALE));
            double rewritten = replacement.value("srp_egress_frames_total");
            System.out.printf("frame accounting, egress killed: %s; egress-1 wrote %d frames before SIGKILL, "
                            + "egress-2 wrote %.0f (duplicates dropped %.0f); output %.1f s after the kill%n",
                    file.summary(), writtenBeforeKill, rewritten,
                    replacement.value("srp_egress_duplicate_frames_total"), recoverySeconds);
            file.assertExactlyOnceInOrder("output file");
            // the half-written file is not resumed (its encoder state died with the process): it is redone whole
            assertEquals(FRAMES, rewritten, "frames egress-2 encoded");
            try (Stream<Path> files = Files.list(dir)) {
                assertEquals(List.of(), files.filter(p -> p.toString().endsWith(".part")).toList());
            }
        }
    }

    /** A longer clip for the ingest kill: ingest decodes 160x96 frames fast, and the kill must land mid-stream. */
    private static final SyntheticClip LONG_CLIP = new SyntheticClip(160, 96, 25, 400, new int[] {100, 250, 330},
            true, false);

    @Test
    void anIngestKilledMidStreamIsRestartedAndResumesWithoutLosingOrRepeatingAFrame() throws Exception {
        int frames = LONG_CLIP.frames();
        Path input = dir.resolve("long.mp4");
        LONG_CLIP.write(input);
        Path output = dir.resolve(STREAM + ".mp4");
        try (ServiceProcesses services = new ServiceProcesses(dir)) {
            String bootstrap = broker.bootstrapServers();
            startWorker(services, "worker", "state", bootstrap);
            startEgress(services, "egress", bootstrap);
            MetricsScrape first = new MetricsScrape(PrometheusProcess.freePort());
            services.start("ingest-1", "ingest", "--bootstrap", bootstrap, "--stream-id", STREAM, "--metrics-port",
                    Integer.toString(first.port()), input.toString());

            int publishedBeforeKill = awaitMidStream(services, first, "srp_ingest_frames_total", frames);
            services.kill("ingest-1");
            long killedAt = System.nanoTime();
            List<Integer> committedAtKill = DeliveredFrames.committedOnTopic(bootstrap, LIMITS, TOPICS.framesLr(),
                    STREAM);
            assertTrue(committedAtKill.size() < frames, "ingest-1 had committed every frame before the kill");

            // the same input and stream id, as a restarted container or a re-run batch script gives it
            services.start("ingest-2", "ingest", "--bootstrap", bootstrap, "--stream-id", STREAM, input.toString());
            int exit = services.awaitExit("ingest-2", Duration.ofSeconds(120));
            String log = Files.readString(dir.resolve("ingest-2.log"));
            assertEquals(0, exit, log);
            assertTrue(log.contains("resumed: frames 0-" + (committedAtKill.size() - 1) + " came from an earlier run"),
                    "ingest-2 did not resume after the " + committedAtKill.size() + " committed frames: " + log);
            services.awaitFile(output, OUTPUT_TIMEOUT);
            double recoverySeconds = (System.nanoTime() - killedAt) / 1e9;

            FrameAccounting file = new FrameAccounting(frames, DeliveredFrames.inVideo(output, SCALE));
            FrameAccounting topic = new FrameAccounting(frames, DeliveredFrames.committedOnTopic(bootstrap, LIMITS,
                    TOPICS.framesLr(), STREAM));
            List<Integer> audio = DeliveredFrames.committedAudioChunks(bootstrap, LIMITS, TOPICS.audio(), STREAM);
            FrameAccounting chunks = new FrameAccounting(audio.isEmpty() ? 0 : Collections.max(audio) + 1, audio);
            System.out.printf("frame accounting, ingest killed: %s; %s committed %d, duplicated %s; audio chunks "
                            + "committed %d, missing %s, duplicated %s; ingest-1 had published %d frames (%d "
                            + "committed at SIGKILL), ingest-2 resumed at frame %d; output %.1f s after the kill%n",
                    file.summary(), TOPICS.framesLr(), topic.seen().size(), topic.duplicated(), audio.size(),
                    chunks.missing(), chunks.duplicated(), publishedBeforeKill, committedAtKill.size(),
                    committedAtKill.size(), recoverySeconds);
            file.assertExactlyOnceInOrder("output file");
            topic.assertExactlyOnce("committed " + TOPICS.framesLr());
            chunks.assertExactlyOnce("committed " + TOPICS.audio());
            assertTrue(audio.size() > 60, "audio chunks: " + audio.size());

            // once the stream is complete, the same ingest again publishes nothing and says so
            CliRun again = CliRun.of("ingest", "--bootstrap", bootstrap, "--stream-id", STREAM, input.toString());
            assertEquals(0, again.exitCode(), again.stderr());
            assertTrue(again.stdout().contains("already published completely (" + frames + " frames); nothing to do"),
                    again.stdout());
            assertEquals(frames, DeliveredFrames.committedOnTopic(bootstrap, LIMITS, TOPICS.framesLr(), STREAM)
                    .size(), "frames on " + TOPICS.framesLr() + " after the third run");
        }
    }

    @Test
    void aLiveIngestKilledMidStreamIsRestartedAndGoesOnWithTheNextFrame() throws Exception {
        SyntheticClip camera = new SyntheticClip(160, 96, 25, 150, new int[0], false, false);
        int port;
        try (DatagramSocket probe = new DatagramSocket(0)) {
            port = probe.getLocalPort();
        }
        String url = "udp://127.0.0.1:" + port;
        try (ServiceProcesses services = new ServiceProcesses(dir);
             MpegTsSender sender = MpegTsSender.open(camera, url)) {
            String bootstrap = broker.bootstrapServers();
            List<String> args = List.of("ingest", "--bootstrap", bootstrap, "--stream-id", "cam", "--open-timeout",
                    "PT8S", "--reconnect-for", "PT0S", url);
            MetricsScrape first = new MetricsScrape(PrometheusProcess.freePort());
            List<String> firstArgs = new ArrayList<>(args);
            firstArgs.addAll(List.of("--metrics-port", Integer.toString(first.port())));
            services.start("ingest-1", firstArgs.toArray(String[]::new));
            assertTrue(MpegTsSender.awaitUdpListener(port, 60_000), "ingest-1 never listened: " + services.logs());
            CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> send(sender, 0, 60));
            awaitMidStream(services, first, "srp_ingest_frames_total", 60);
            services.kill("ingest-1");
            sending.get(60, TimeUnit.SECONDS);
            int committedAtKill = DeliveredFrames.committedOnTopic(bootstrap, LIMITS, TOPICS.framesLr(), "cam").size();

            // camera frames 60-89 go out while no ingest runs: they are gone, as a real camera's would be
            services.start("ingest-2", args.toArray(String[]::new));
            assertTrue(MpegTsSender.awaitUdpListener(port, 60_000), "ingest-2 never listened: " + services.logs());
            send(sender, 90, 60);
            int exit = services.awaitExit("ingest-2", Duration.ofSeconds(60));
            String log = Files.readString(dir.resolve("ingest-2.log"));
            assertEquals(0, exit, log);

            List<FrameMessage> committed = new ArrayList<>(DeliveredFrames.committedMessages(bootstrap, LIMITS,
                    TOPICS.framesLr(), "cam"));
            committed.sort(Comparator.comparingLong(FrameMessage::frameIndex));
            List<FrameMessage> ends = committed.stream().filter(FrameMessage::isEndOfStream).toList();
            List<FrameMessage> frames = committed.stream().filter(m -> !m.isEndOfStream()).toList();
            FrameAccounting indexes = new FrameAccounting(frames.size(),
                    frames.stream().map(m -> Math.toIntExact(m.frameIndex())).toList());
            FrameMessage before = frames.get(committedAtKill - 1);
            FrameMessage after = frames.get(committedAtKill);
            int cameraBefore = FrameIndexPattern.read(before.pixels(), before.width(), 1);
            int cameraAfter = FrameIndexPattern.read(after.pixels(), after.width(), 1);
            System.out.printf("frame accounting, live ingest killed: %d frames committed by ingest-1, %d by ingest-2 "
                            + "(stream frames %d and %d are camera frames %d and %d), indexes missing %s, duplicated "
                            + "%s; shot %d -> %d; timestamp step %d us%n", committedAtKill,
                    frames.size() - committedAtKill, committedAtKill - 1, committedAtKill, cameraBefore, cameraAfter,
                    indexes.missing(), indexes.duplicated(), before.shotId(), after.shotId(),
                    after.ptsMicros() - before.ptsMicros());
            indexes.assertExactlyOnce("committed " + TOPICS.framesLr());
            assertEquals(1, ends.size(), "end markers");
            assertEquals(frames.size(), ends.get(0).frameCount(), "the end marker counts every frame");
            assertTrue(cameraBefore < 60 && cameraAfter >= 90, "ingest-2's first frame comes after the gap: camera "
                    + cameraBefore + " then " + cameraAfter);
            assertTrue(after.shotId() > before.shotId(), "the restarted ingest starts a new shot");
            assertTrue(after.ptsMicros() > before.ptsMicros() && after.ptsMicros() - before.ptsMicros() <= 40_001,
                    "the timeline goes on from the last frame: " + (after.ptsMicros() - before.ptsMicros()) + " us");
            assertTrue(log.contains("resumed: frames 0-" + (committedAtKill - 1)), log);
        }
    }

    /** Camera frames {@code first..first+count-1} in real time. */
    private static void send(MpegTsSender sender, int first, int count) {
        try {
            sender.send(first, count, true);
        } catch (Exception e) {
            throw new IllegalStateException("the test camera failed", e);
        }
    }

    private Path writeClip() throws Exception {
        Path input = dir.resolve("clip.mp4");
        CLIP.write(input);
        return input;
    }

    private MetricsScrape startWorker(ServiceProcesses services, String name, String stateDir, String bootstrap)
            throws Exception {
        MetricsScrape metrics = new MetricsScrape(PrometheusProcess.freePort());
        services.start(name, "worker", "--bootstrap", bootstrap, "--state-dir", dir.resolve(stateDir).toString(),
                "--inference-threads", "1", "--metrics-port", Integer.toString(metrics.port()));
        return metrics;
    }

    /** Every egress gets the same output and spill directories, as a restarted egress does. */
    private MetricsScrape startEgress(ServiceProcesses services, String name, String bootstrap) throws Exception {
        MetricsScrape metrics = new MetricsScrape(PrometheusProcess.freePort());
        services.start(name, "egress", "--bootstrap", bootstrap, "--output", dir.resolve("{stream}.mp4").toString(),
                "--preset", "veryfast", "--spill-dir", dir.resolve("spill").toString(), "--metrics-port",
                Integer.toString(metrics.port()));
        return metrics;
    }

    /** Ingest on its own thread, so the services can be watched (and killed) while it publishes. */
    private static CompletableFuture<CliRun> ingest(String bootstrap, Path input) {
        return CompletableFuture.supplyAsync(() -> CliRun.of("ingest", "--bootstrap", bootstrap, "--stream-id", STREAM,
                input.toString()));
    }

    private static void assertIngested(CompletableFuture<CliRun> ingest) throws Exception {
        CliRun run = ingest.get(120, TimeUnit.SECONDS);
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stdout().contains(FRAMES + " frames"), "frames in: " + run.stdout());
    }

    /**
     * Waits until a service's frame counter reaches {@link #KILL_AT} and returns it; fails if the service had
     * already put the whole stream through, since a kill then tests nothing.
     */
    private static int awaitMidStream(ServiceProcesses services, MetricsScrape metrics, String counter)
            throws Exception {
        return awaitMidStream(services, metrics, counter, FRAMES);
    }

    private static int awaitMidStream(ServiceProcesses services, MetricsScrape metrics, String counter, int total)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        double frames;
        while (Double.isNaN(frames = metrics.value(counter)) || frames < KILL_AT) {
            services.assertAlive();
            assertTrue(System.nanoTime() < deadline, counter + " stayed at " + frames + " for 120 s: "
                    + services.logs());
            Thread.sleep(50);
        }
        assertTrue(frames < total, "the whole stream was through before the kill: " + counter + " = " + frames);
        return (int) frames;
    }

    /** The moment of a worker's SIGKILL: frames it had sent by its last scrape, records its transaction held. */
    private record WorkerKill(int framesSent, long openRecords) {
    }

    /**
     * Kills the worker while its transaction already holds HR frames on the broker, the case exactly-once is for: the
     * worker is frozen (SIGSTOP) while Kafka is asked, so it cannot commit between the look and the SIGKILL; when
     * there is nothing open it goes on (SIGCONT) and the next look comes a moment later.
     */
    private static WorkerKill killInsideATransaction(ServiceProcesses services, String name, MetricsScrape metrics,
                                                     KafkaBroker broker) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        try (Admin admin = broker.admin()) {
            while (true) {
                services.assertAlive();
                double sent = metrics.value("srp_worker_frames_out_total");
                assertTrue(sent < FRAMES && System.nanoTime() < deadline, "no open transaction with HR frames was "
                        + "seen before the stream's end: " + sent + " frames sent");
                services.suspend(name);
                long open = DeliveredFrames.inOpenTransactions(admin, TOPICS.framesHr());
                if (open > 0) {
                    services.kill(name);
                    return new WorkerKill((int) sent, open);
                }
                services.resume(name);
                Thread.sleep(20);
            }
        }
    }

    private static FrameAccounting committedFrames(String bootstrap) {
        return new FrameAccounting(FRAMES, DeliveredFrames.committedOnTopic(bootstrap, LIMITS, TOPICS.framesHr(),
                STREAM));
    }
}
