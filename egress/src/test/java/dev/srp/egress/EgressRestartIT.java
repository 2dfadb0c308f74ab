package dev.srp.egress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srp.contract.KafkaConnection;
import dev.srp.contract.MessageLimits;
import dev.srp.contract.SrpException;
import dev.srp.contract.Topics;
import dev.srp.testsupport.FrameIndexPattern;
import dev.srp.testsupport.KafkaBroker;
import dev.srp.testsupport.SyntheticClip;
import io.prometheus.client.CollectorRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Exactly once toward a file: a stopped egress redoes its unfinished stream from the start, never a finished one. */
class EgressRestartIT {
    private static final MessageLimits LIMITS = MessageLimits.defaults();
    private static final SyntheticClip CLIP = new SyntheticClip(160, 96, 25, 40, new int[0], true, true);
    @RegisterExtension
    static final KafkaBroker BROKER = KafkaBroker.withLimits(LIMITS);

    @TempDir
    Path dir;

    @Test
    void aRestartedEgressRewritesTheUnfinishedStreamAndSkipsTheFinishedOne() throws Exception {
        Topics topics = BROKER.freshTopics(ClipProducer.PARTITIONS);
        EgressConfig config = new EgressConfig(KafkaConnection.to(BROKER.bootstrapServers(), topics, LIMITS),
                "egress-restart",
                dir + "/{stream}.mkv", VideoCodec.FFV1, 0, null, 64 << 20, dir.resolve("spill"));
        ClipProducer a = new ClipProducer(BROKER.bootstrapServers(), topics, LIMITS, CLIP, "stream-a");
        a.sendTone();
        a.sendFrames(IntStream.range(0, 20).boxed().toList(), 1, false, List.of());

        CountDownLatch twentyWritten = new CountDownLatch(20);
        Recorder first = new Recorder() {
            @Override
            public void onFrameWritten(String streamId, long frameIndex) {
                twentyWritten.countDown();
            }
        };
        try (Egress egress = new Egress(config, new EgressMetrics(new CollectorRegistry()), first)) {
            egress.start();
            assertTrue(twentyWritten.await(60, TimeUnit.SECONDS), "the first half was written");
        }
        assertFalse(Files.exists(dir.resolve("stream-a.mkv")), "an unfinished stream has no final file");
        assertFalse(Files.exists(dir.resolve("stream-a.mkv.part")), "its part file is deleted on close");
        assertTrue(first.failed.isEmpty(), "a shutdown is not a failure");

        a.sendFrames(IntStream.range(20, 40).boxed().toList(), 2, true, List.of());
        Recorder second = new Recorder();
        runUntil(config, second, "stream-a");
        EgressResult resultA = second.finished.peek();
        assertEquals(0, resultA.duplicatesDropped(), "re-read from the stream's first record, into a new file");
        List<byte[]> frames = DecodedOutput.read(resultA.outputFile()).frames();
        assertEquals(40, frames.size());
        for (int i = 0; i < frames.size(); i++) {
            assertEquals(i, FrameIndexPattern.read(frames.get(i), CLIP.width(), 1), "frame " + i);
        }
        FileTime written = FileTime.fromMillis(1_000_000L);
        Files.setLastModifiedTime(resultA.outputFile(), written);

        ClipProducer b = new ClipProducer(BROKER.bootstrapServers(), topics, LIMITS, CLIP, "stream-b");
        b.sendTone();
        b.sendFrames(ClipProducer.shuffledWithDuplicates(40, 0, 3), 3, true, List.of());
        Recorder third = new Recorder();
        runUntil(config, third, "stream-b");
        assertEquals(List.of("stream-b"), third.finished.stream().map(EgressResult::streamId).toList());
        assertEquals(written, Files.getLastModifiedTime(resultA.outputFile()), "stream-a was not rewritten");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.filter(p -> p.toString().endsWith(".part")).toList());
        }
    }

    private static void runUntil(EgressConfig config, Recorder recorder, String streamId) throws Exception {
        try (Egress egress = new Egress(config, new EgressMetrics(new CollectorRegistry()), recorder)) {
            egress.start();
            recorder.finishedStream(streamId).get(60, TimeUnit.SECONDS);
        }
        assertTrue(recorder.failed.isEmpty(), () -> "failed: " + recorder.failed);
    }

    private static class Recorder implements EgressListener {
        final ConcurrentLinkedQueue<EgressResult> finished = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<String> failed = new ConcurrentLinkedQueue<>();
        private final ConcurrentLinkedQueue<CompletableFuture<Void>> waiters = new ConcurrentLinkedQueue<>();
        private volatile String awaited;

        CompletableFuture<Void> finishedStream(String streamId) {
            CompletableFuture<Void> f = new CompletableFuture<>();
            awaited = streamId;
            waiters.add(f);
            if (finished.stream().anyMatch(r -> r.streamId().equals(streamId))) {
                f.complete(null);
            }
            return f;
        }

        @Override
        public void onStreamFinished(EgressResult result) {
            finished.add(result);
            if (result.streamId().equals(awaited)) {
                waiters.forEach(w -> w.complete(null));
            }
        }

        @Override
        public void onStreamFailed(String streamId, SrpException error) {
            failed.add(streamId + ": " + error.oneLine());
        }
    }
}
