package dev.srp.egress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srp.contract.DisplayInfo;
import dev.srp.contract.FrameMessage;
import dev.srp.contract.KafkaConnection;
import dev.srp.contract.MessageLimits;
import dev.srp.contract.SrpException;
import dev.srp.contract.Topics;
import dev.srp.testsupport.FrameIndexPattern;
import dev.srp.testsupport.KafkaBroker;
import dev.srp.testsupport.SyntheticClip;
import io.prometheus.client.CollectorRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Egress against a real KRaft broker and real FFmpeg: scrambled, duplicated frames in, exact video out. */
class EgressIT {
    private static final MessageLimits LIMITS = MessageLimits.defaults();
    private static final SyntheticClip CLIP = new SyntheticClip(160, 96, 25, 40, new int[] {20}, true, true);
    @RegisterExtension
    static final KafkaBroker BROKER = KafkaBroker.withLimits(LIMITS);

    @TempDir
    Path dir;

    private EgressConfig config(Topics topics, String template, VideoCodec codec, long maxBufferedBytes) {
        return new EgressConfig(KafkaConnection.to(BROKER.bootstrapServers(), topics, LIMITS),
                "egress-it-" + UUID.randomUUID(),
                template, codec, 18, "veryfast", maxBufferedBytes, dir.resolve("spill"));
    }

    /** A listener that completes {@code done} with the first stream's result, or with its failure. */
    private static EgressListener completing(CompletableFuture<EgressResult> done) {
        return new EgressListener() {
            @Override
            public void onStreamFinished(EgressResult result) {
                done.complete(result);
            }

            @Override
            public void onStreamFailed(String streamId, SrpException error) {
                done.completeExceptionally(error);
            }
        };
    }

    /** Runs egress until the stream finishes (or fails, which fails the test). */
    private static EgressResult runUntilFinished(EgressConfig config, CollectorRegistry registry) throws Exception {
        CompletableFuture<EgressResult> done = new CompletableFuture<>();
        try (Egress egress = new Egress(config, new EgressMetrics(registry), completing(done))) {
            egress.start();
            return done.get(90, TimeUnit.SECONDS);
        }
    }

    @Test
    void scrambledDuplicatedFramesBecomeAnExactLosslessVideoWithAudio() throws Exception {
        Topics topics = BROKER.freshTopics(ClipProducer.PARTITIONS);
        ClipProducer producer = new ClipProducer(BROKER.bootstrapServers(), topics, LIMITS, CLIP, "clip-ffv1");
        producer.sendFrames(ClipProducer.shuffledWithDuplicates(CLIP.frames(), 6, 1), 1, true, List.of());
        long sampleFrames = producer.sendTone();
        CollectorRegistry registry = new CollectorRegistry();

        EgressResult result = runUntilFinished(config(topics, dir + "/{stream}.mkv", VideoCodec.FFV1, 64 << 20),
                registry);

        assertEquals(dir.resolve("clip-ffv1.mkv"), result.outputFile());
        assertEquals(40, result.frames());
        assertEquals(6, result.duplicatesDropped());
        assertEquals(40, result.audioChunks());
        assertEquals(6.0, registry.getSampleValue("srp_egress_duplicate_frames_total"));
        assertEquals(40.0, registry.getSampleValue("srp_egress_frames_total"));
        assertEquals(1.0, registry.getSampleValue("srp_egress_streams_finished_total",
                new String[] {"outcome"}, new String[] {"ok"}));
        DecodedOutput out = DecodedOutput.read(result.outputFile());
        assertFramesExact(out);
        assertEquals(25.0, out.frameRate(), 0.01);
        assertEquals(2, out.audioChannels());
        assertEquals(48_000, out.sampleRate());
        assertEquals(sampleFrames / 48_000.0, out.audioSeconds(), 0.05, "audio duration");
        assertNoPartFiles();
    }

    @Test
    void h264InMp4KeepsEveryFrameInOrder() throws Exception {
        Topics topics = BROKER.freshTopics(ClipProducer.PARTITIONS);
        ClipProducer producer = new ClipProducer(BROKER.bootstrapServers(), topics, LIMITS, CLIP, "clip-h264");
        producer.sendFrames(ClipProducer.shuffledWithDuplicates(CLIP.frames(), 3, 2), 2, true, List.of());
        producer.sendTone();

        EgressResult result = runUntilFinished(config(topics, dir + "/{stream}.mp4", VideoCodec.H264, 64 << 20),
                new CollectorRegistry());

        DecodedOutput out = DecodedOutput.read(result.outputFile());
        assertEquals(40, out.frames().size());
        for (int i = 0; i < out.frames().size(); i++) {
            assertEquals(i, FrameIndexPattern.read(out.frames().get(i), out.width(), 1), "frame " + i);
        }
        assertEquals(3, result.duplicatesDropped());
        assertEquals(2, out.audioChannels(), "AAC audio muxed");
        assertEquals(1.6, out.audioSeconds(), 0.1);
        assertNoPartFiles();
    }

    @Test
    void h265InMovWithoutAudio() throws Exception {
        Topics topics = BROKER.freshTopics(ClipProducer.PARTITIONS);
        ClipProducer producer = new ClipProducer(BROKER.bootstrapServers(), topics, LIMITS, CLIP, "clip-h265");
        producer.sendNoAudio();
        producer.sendFrames(ClipProducer.shuffledWithDuplicates(CLIP.frames(), 0, 5), 5, true, List.of());

        EgressResult result = runUntilFinished(config(topics, dir + "/{stream}.mov", VideoCodec.H265, 64 << 20),
                new CollectorRegistry());

        assertEquals(0, result.audioChunks());
        DecodedOutput out = DecodedOutput.read(result.outputFile());
        assertEquals(40, out.frames().size());
        assertEquals(39, FrameIndexPattern.read(out.frames().get(39), out.width(), 1));
        assertEquals(0, out.audioChannels(), "no audio stream");
    }

    /**
     * Live mode: the worker sends a late frame as its LR pixels marked {@code upscaleBy 4}. Egress scales it to the
     * output size on the way into the encoder, also when it is the stream's first frame, which sets the size.
     */
    @Test
    void framesLeftToUpscaleAreScaledToTheOutputSize() throws Exception {
        Topics topics = BROKER.freshTopics(ClipProducer.PARTITIONS);
        SyntheticClip lowRes = new SyntheticClip(120, 72, 25, 12, new int[] {}, false, true);
        ClipProducer producer = new ClipProducer(BROKER.bootstrapServers(), topics, LIMITS, lowRes, "clip-late");
        producer.sendNoAudio();
        List<FrameMessage> messages = new ArrayList<>();
        for (int i = 0; i < lowRes.frames(); i++) {
            FrameMessage lr = producer.frame(i);
            // frames 0, 3, 4, 5 and 9 were late: LR pixels for egress; the others came through the "model" (x4)
            boolean late = i == 0 || i >= 3 && i <= 5 || i == 9;
            messages.add(late ? lr.upscaledLater(4) : lr.withPixels(480, 288, nearestX4(lr.pixels(), 120, 72)));
        }
        messages.add(FrameMessage.endOfStream("clip-late", lowRes.frames(), producer.ptsOf(lowRes.frames()),
                producer.frameRate()));
        producer.sendMessages(messages);

        EgressResult result = runUntilFinished(config(topics, dir + "/{stream}.mkv", VideoCodec.FFV1, 64 << 20),
                new CollectorRegistry());

        DecodedOutput out = DecodedOutput.read(result.outputFile());
        assertEquals(480, out.width(), "the output size is the first (late) frame's LR size x4");
        assertEquals(288, out.height());
        assertEquals(lowRes.frames(), out.frames().size());
        for (int i = 0; i < lowRes.frames(); i++) {
            byte[] got = out.frames().get(i);
            assertEquals(i, FrameIndexPattern.read(got, 480, 4), "index pattern of frame " + i);
            // bicubic and nearest neighbour differ only along edges: on average by a few levels
            byte[] nearest = nearestX4(lowRes.pixels(i), 120, 72);
            double meanDiff = 0;
            for (int p = 0; p < got.length; p++) {
                meanDiff += Math.abs((got[p] & 0xff) - (nearest[p] & 0xff));
            }
            meanDiff /= got.length;
            assertTrue(meanDiff < 4, "frame " + i + " differs from its LR picture x4 by " + meanDiff + " on average");
        }
    }

    /**
     * Two timestamps within one tick of the output's clock (here 1/25 s) must not make the muxer refuse the
     * second: it moves to the next free tick, and the constant-rate output keeps every frame at i / 25 s.
     */
    @Test
    void aFrameCloserThanATickMovesToTheNextTickInsteadOfFailingTheOutput() throws Exception {
        Topics topics = BROKER.freshTopics(ClipProducer.PARTITIONS);
        SyntheticClip clip = new SyntheticClip(160, 96, 25, 12, new int[] {}, false, true);
        ClipProducer producer = new ClipProducer(BROKER.bootstrapServers(), topics, LIMITS, clip, "clip-early");
        producer.sendNoAudio();
        List<FrameMessage> messages = new ArrayList<>();
        for (int i = 0; i < clip.frames(); i++) {
            FrameMessage m = producer.frame(i);
            // frame 5 comes 35 ms early, 5 ms after frame 4: both round to tick 4
            messages.add(i == 5 ? FrameMessage.frame(m.streamId(), 5, 165_000, m.frameRate(), m.width(), m.height(),
                    m.pixelFormat(), m.shotId(), m.pixels()) : m);
        }
        messages.add(FrameMessage.endOfStream("clip-early", clip.frames(), producer.ptsOf(clip.frames()),
                producer.frameRate()));
        producer.sendMessages(messages);

        EgressResult result = runUntilFinished(config(topics, dir + "/{stream}.mp4", VideoCodec.H264, 64 << 20),
                new CollectorRegistry());

        DecodedOutput out = DecodedOutput.read(result.outputFile());
        assertEquals(clip.frames(), out.frames().size());
        for (int i = 0; i < clip.frames(); i++) {
            assertEquals(i, FrameIndexPattern.read(out.frames().get(i), out.width(), 1), "frame " + i);
            assertEquals(i * 40_000L, out.timestamps().get(i) - out.timestamps().get(0), "timestamp of frame " + i);
        }
    }

    /**
     * A variable-rate stream keeps each frame's own timestamp to the millisecond in MP4 and Matroska; HLS plays it
     * on the frame rate's clock, every frame still there, in order, at increasing times.
     */
    @Test
    void aVariableRateStreamKeepsItsTimestamps() throws Exception {
        long[] pts = {0, 40_000, 52_000, 130_000, 131_200, 131_400, 300_000, 333_333, 366_667, 400_000};
        for (String container : new String[] {"mp4", "mkv", "m3u8"}) {
            Topics topics = BROKER.freshTopics(ClipProducer.PARTITIONS);
            SyntheticClip clip = new SyntheticClip(160, 96, 25, pts.length, new int[] {}, false, true);
            String stream = "vfr-" + container;
            ClipProducer producer = new ClipProducer(BROKER.bootstrapServers(), topics, LIMITS, clip, stream);
            producer.sendNoAudio();
            DisplayInfo variable = DisplayInfo.NONE.withVariableFrameRate(true);
            List<FrameMessage> messages = new ArrayList<>();
            for (int i = 0; i < pts.length; i++) {
                FrameMessage m = producer.frame(i);
                messages.add(FrameMessage.frame(stream, i, pts[i], m.frameRate(), m.width(), m.height(),
                        m.pixelFormat(), m.shotId(), m.pixels(), variable));
            }
            messages.add(FrameMessage.endOfStream(stream, pts.length, 433_333, producer.frameRate()));
            producer.sendMessages(messages);

            EgressResult result = runUntilFinished(config(topics, dir + "/{stream}." + container, VideoCodec.H264,
                    64 << 20), new CollectorRegistry());

            DecodedOutput out = DecodedOutput.read(result.outputFile());
            assertEquals(pts.length, out.frames().size(), container);
            for (int i = 0; i < pts.length; i++) {
                assertEquals(i, FrameIndexPattern.read(out.frames().get(i), out.width(), 1), container + " frame " + i);
                long at = out.timestamps().get(i) - out.timestamps().get(0);
                if (!container.equals("m3u8")) {
                    // 131_400 is 0.2 ms after 131_200: both round to 131 ms, and the later moves to 132 ms
                    assertEquals(pts[i], at, 1_000, container + " timestamp of frame " + i + ": " + out.timestamps());
                }
                if (i > 0) {
                    assertTrue(at > out.timestamps().get(i - 1) - out.timestamps().get(0), container + " frame " + i);
                }
            }
        }
    }

    private static byte[] nearestX4(byte[] rgb, int width, int height) {
        byte[] hr = new byte[width * height * 48];
        for (int y = 0; y < height * 4; y++) {
            for (int x = 0; x < width * 4; x++) {
                System.arraycopy(rgb, ((y / 4) * width + x / 4) * 3, hr, (y * width * 4 + x) * 3, 3);
            }
        }
        return hr;
    }

    @Test
    void anOutputThatCannotBeWrittenFailsTheStreamAndLeavesNoFile() throws Exception {
        Topics topics = BROKER.freshTopics(ClipProducer.PARTITIONS);
        ClipProducer producer = new ClipProducer(BROKER.bootstrapServers(), topics, LIMITS, CLIP, "lost-dir");
        producer.sendNoAudio();
        producer.sendFrames(ClipProducer.shuffledWithDuplicates(CLIP.frames(), 0, 6), 6, true, List.of());
        Path outDir = Files.createDirectory(dir.resolve("out"));
        EgressConfig config = config(topics, outDir + "/{stream}.mp4", VideoCodec.H264, 64 << 20);
        // the directory vanishes after start-up checks, as when a disk is unmounted: FFmpeg cannot create the file
        Files.delete(outDir);
        Files.writeString(outDir, "not a directory");
        CollectorRegistry registry = new CollectorRegistry();

        SrpException error = assertThrows(SrpException.class, () -> {
            try {
                runUntilFinished(config, registry);
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause();
            }
        });
        assertTrue(error.getMessage().contains(outDir.resolve("lost-dir.mp4").toString()), error.getMessage());
        assertNotNull(error.hint());
        assertEquals(1.0, registry.getSampleValue("srp_egress_streams_finished_total",
                new String[] {"outcome"}, new String[] {"failed"}));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.filter(p -> p.getFileName().toString().startsWith("lost-dir")).toList());
        }
    }

    @Test
    void aTinyMemoryBudgetSpillsFramesToDiskAndTheOutputIsStillExact() throws Exception {
        Topics topics = BROKER.freshTopics(ClipProducer.PARTITIONS);
        ClipProducer producer = new ClipProducer(BROKER.bootstrapServers(), topics, LIMITS, CLIP, "clip-spill");
        List<Integer> reversed = new ArrayList<>();
        for (int i = CLIP.frames() - 1; i >= 0; i--) {
            reversed.add(i);
        }
        producer.sendFrames(reversed, 3, true, List.of());
        producer.sendTone();
        CollectorRegistry registry = new CollectorRegistry();

        EgressResult result = runUntilFinished(config(topics, dir + "/{stream}.mkv", VideoCodec.FFV1, 1),
                registry);

        double spilled = registry.getSampleValue("srp_egress_spilled_frames_total");
        assertTrue(spilled >= 10, "expected most frames to spill, got " + spilled);
        assertFramesExact(DecodedOutput.read(result.outputFile()));
        try (Stream<Path> left = Files.walk(dir.resolve("spill"))) {
            assertEquals(0, left.filter(Files::isRegularFile).count(), "spill files are deleted");
        }
        assertEquals(0.0, registry.getSampleValue("srp_egress_reorder_buffer_frames"));
    }

    @Test
    void anUnusableOutputDirectoryIsRejectedWhenConfigured() throws Exception {
        Topics topics = Topics.defaults();
        SrpException missing = assertThrows(SrpException.class,
                () -> config(topics, dir + "/no-such-dir/{stream}.mkv", VideoCodec.FFV1, 1 << 20));
        assertTrue(missing.getMessage().contains(dir.resolve("no-such-dir").toString()), missing.getMessage());
        assertNotNull(missing.hint());

        Path file = Files.writeString(dir.resolve("a-file"), "x");
        SrpException notDir = assertThrows(SrpException.class,
                () -> config(topics, file + "/{stream}.mkv", VideoCodec.FFV1, 1 << 20));
        assertTrue(notDir.getMessage().contains(file.toString()), notDir.getMessage());

        SrpException ffv1InMp4 = assertThrows(SrpException.class,
                () -> config(topics, dir + "/{stream}.mp4", VideoCodec.FFV1, 1 << 20));
        assertTrue(ffv1InMp4.hint().contains(".mkv"), ffv1InMp4.hint());

        Path readOnly = Files.createDirectory(dir.resolve("read-only"));
        assertTrue(readOnly.toFile().setWritable(false, false));
        try {
            if (!Files.isWritable(readOnly)) {
                SrpException denied = assertThrows(SrpException.class,
                        () -> config(topics, readOnly + "/{stream}.mkv", VideoCodec.FFV1, 1 << 20));
                assertTrue(denied.getMessage().contains("not writable"), denied.getMessage());
            }
        } finally {
            readOnly.toFile().setWritable(true, false);
        }
    }

    @Test
    void aGarbageRecordIsDeadLetteredAndTheStreamStillFinishes() throws Exception {
        Topics topics = BROKER.freshTopics(ClipProducer.PARTITIONS);
        ClipProducer producer = new ClipProducer(BROKER.bootstrapServers(), topics, LIMITS, CLIP, "clip-garbage");
        byte[] garbage = "this is not a frame".getBytes(StandardCharsets.UTF_8);
        producer.sendFrames(ClipProducer.shuffledWithDuplicates(CLIP.frames(), 0, 4), 4, true, List.of(garbage));
        producer.sendTone();
        CollectorRegistry registry = new CollectorRegistry();

        EgressResult result = runUntilFinished(config(topics, dir + "/{stream}.mkv", VideoCodec.FFV1, 64 << 20),
                registry);

        assertEquals(40, result.frames());
        assertEquals(1.0, registry.getSampleValue("srp_egress_dead_letter_total",
                new String[] {"reason"}, new String[] {"malformed"}));
        ConsumerRecord<String, byte[]> dead = readOne(topics.deadLetter());
        assertEquals("this is not a frame", new String(dead.value(), StandardCharsets.UTF_8));
        assertEquals("malformed", header(dead, Topics.DEAD_LETTER_REASON_HEADER));
        assertEquals(topics.framesHr(), header(dead, Topics.DEAD_LETTER_SOURCE_HEADER));
    }

    private static void assertFramesExact(DecodedOutput out) {
        assertEquals(CLIP.frames(), out.frames().size(), "video frame count");
        assertEquals(CLIP.width(), out.width());
        assertEquals(CLIP.height(), out.height());
        for (int i = 0; i < out.frames().size(); i++) {
            byte[] got = out.frames().get(i);
            assertEquals(i, FrameIndexPattern.read(got, out.width(), 1), "index pattern of frame " + i);
            byte[] want = CLIP.pixels(i);
            for (int p = 0; p < want.length; p++) {
                int diff = Math.abs((got[p] & 0xff) - (want[p] & 0xff));
                if (diff > 2) {
                    throw new AssertionError("frame " + i + " byte " + p + ": got " + (got[p] & 0xff) + ", want "
                            + (want[p] & 0xff) + " (the yuv444p round trip allows 2)");
                }
            }
        }
    }

    private void assertNoPartFiles() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.filter(p -> p.toString().endsWith(".part")).toList());
        }
    }

    private static ConsumerRecord<String, byte[]> readOne(String topic) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "dead-letter-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    return r;
                }
            }
        }
        throw new AssertionError("nothing arrived on " + topic);
    }

    /** The clip's frame indexes in order, without {@code missing}. */
    private static List<Integer> clipFramesExcept(Integer... missing) {
        List<Integer> frames = new ArrayList<>();
        for (int i = 0; i < CLIP.frames(); i++) {
            frames.add(i);
        }
        frames.removeAll(List.of(missing));
        return frames;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /**
     * A live output (HLS) does not wait for ever for frames that never come: frames 10-12 are never sent, and the
     * stream goes on without them after the live gap timeout, counts them, and still ends. A late one is dropped.
     */
    @Test
    void aLiveOutputGoesOnWithoutFramesThatNeverArrive() throws Exception {
        Topics topics = BROKER.freshTopics(ClipProducer.PARTITIONS);
        ClipProducer producer = new ClipProducer(BROKER.bootstrapServers(), topics, LIMITS, CLIP, "live-gap");
        producer.sendNoAudio();
        List<Integer> sent = clipFramesExcept(10, 11, 12);
        producer.sendFrames(sent, 0, true, List.of());
        CollectorRegistry registry = new CollectorRegistry();
        EgressConfig config = config(topics, dir + "/{stream}.m3u8", VideoCodec.H264, 64 << 20)
                .withLiveGapTimeout(Duration.ofSeconds(2));

        long started = System.nanoTime();
        EgressResult result = runUntilFinished(config, registry);
        double seconds = (System.nanoTime() - started) / 1e9;

        assertEquals(3.0, registry.getSampleValue("srp_egress_skipped_frames_total"), "frames skipped");
        assertEquals(37.0, registry.getSampleValue("srp_egress_frames_total"), "frames written");
        DecodedOutput out = DecodedOutput.read(result.outputFile());
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < out.frames().size(); i++) {
            indexes.add(FrameIndexPattern.read(out.frames().get(i), out.width(), 1));
        }
        assertEquals(sent, indexes, "the live output holds every frame that came, in order");
        assertTrue(Files.readString(result.outputFile()).contains("#EXT-X-ENDLIST"), "the playlist was closed");
        System.out.printf("live gap: %s frames skipped after %.1f s; output %s%n", 3, seconds, indexes);
    }

    /** A file output waits for a missing frame however long it takes: a remaster must not lose frames. */
    @Test
    void aFileOutputWaitsForAMissingFrame() throws Exception {
        Topics topics = BROKER.freshTopics(ClipProducer.PARTITIONS);
        ClipProducer producer = new ClipProducer(BROKER.bootstrapServers(), topics, LIMITS, CLIP, "file-gap");
        producer.sendNoAudio();
        List<Integer> allButFive = clipFramesExcept(5);
        producer.sendFrames(allButFive, 0, true, List.of());
        CollectorRegistry registry = new CollectorRegistry();
        EgressConfig config = config(topics, dir + "/{stream}.mp4", VideoCodec.H264, 64 << 20)
                .withLiveGapTimeout(Duration.ofSeconds(1));
        CompletableFuture<EgressResult> done = new CompletableFuture<>();
        try (Egress egress = new Egress(config, new EgressMetrics(registry), completing(done))) {
            egress.start();
            Thread.sleep(6_000);
            assertTrue(!done.isDone(), "a file output finished without frame 5");
            assertEquals(5.0, registry.getSampleValue("srp_egress_frames_total"), "frames before the gap");
            assertEquals(0.0, registry.getSampleValue("srp_egress_skipped_frames_total"));
            producer.sendFrames(List.of(5), 0, false, List.of());
            assertEquals(40, done.get(60, TimeUnit.SECONDS).frames());
        }
        assertEquals(40.0, registry.getSampleValue("srp_egress_frames_total"));
    }
}
