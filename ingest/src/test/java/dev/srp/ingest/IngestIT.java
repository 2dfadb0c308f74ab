package dev.srp.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srp.contract.AudioChunk;
import dev.srp.contract.DisplayInfo;
import dev.srp.contract.FrameKeys;
import dev.srp.contract.FrameMessage;
import dev.srp.contract.FrameRate;
import dev.srp.contract.KafkaConnection;
import dev.srp.contract.MessageLimits;
import dev.srp.contract.SrpException;
import dev.srp.contract.Topics;
import dev.srp.media.RgbFrames;
import dev.srp.testsupport.FrameIndexPattern;
import dev.srp.testsupport.KafkaBroker;
import dev.srp.testsupport.MpegTsSender;
import dev.srp.testsupport.SyntheticClip;
import io.prometheus.client.CollectorRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Real FFmpeg decoding of synthetic clips, published to a real in-JVM KRaft broker and read back committed. */
class IngestIT {
    private static final String[] STREAM = {"stream"};
    private static final MessageLimits LIMITS = MessageLimits.defaults();
    @RegisterExtension
    static final KafkaBroker BROKER = KafkaBroker.withLimits(LIMITS);

    @TempDir
    Path dir;

    static IngestConfig config(String input, Topics topics, boolean allowTruncated) {
        return new IngestConfig(input, "clip", KafkaConnection.to(BROKER.bootstrapServers(), topics, LIMITS),
                Duration.ofSeconds(10),
                allowTruncated);
    }

    private Path write(SyntheticClip clip, String name) throws Exception {
        Path file = dir.resolve(name + clip.extension());
        clip.write(file);
        return file;
    }

    @Test
    void publishesEveryFrameWithShotsExactPixelsAudioAndEndMarkers() throws Exception {
        SyntheticClip clip = new SyntheticClip(160, 96, 25, 50, new int[] {20, 35}, true, true);
        Path file = write(clip, "main");
        Topics topics = BROKER.freshTopics(3);
        CollectorRegistry registry = new CollectorRegistry();
        List<SourceInfo> opened = new ArrayList<>();
        List<Long> published = new ArrayList<>();
        IngestResult result = new Ingest(config(file.toString(), topics, false), new IngestMetrics(registry))
                .run(new IngestListener() {
                    @Override
                    public void onOpened(SourceInfo info) {
                        opened.add(info);
                    }

                    @Override
                    public void onFramePublished(long frameIndex) {
                        published.add(frameIndex);
                    }
                });

        SourceInfo info = new SourceInfo(160, 96, new FrameRate(25, 1), 50, true, 48_000, 2);
        assertEquals(List.of(info), opened);
        assertEquals(new IngestResult(50, 3, 0, result.audioChunks(), info, 0, false), result);
        assertEquals(50, published.size());
        for (int i = 0; i < 50; i++) {
            assertEquals(i, published.get(i));
        }

        Committed out = Committed.read(BROKER.bootstrapServers(), topics, LIMITS);
        assertEquals(50, out.frames().size(), "frame messages");
        for (int i = 0; i < 50; i++) {
            FrameMessage f = out.frame(i);
            assertEquals(i * 40_000L, f.ptsMicros(), 1_000, "pts of frame " + i);
            assertEquals(clip.shotOf(i), f.shotId(), "shot of frame " + i);
            assertEquals(FrameKeys.shot("clip", clip.shotOf(i)), out.keyOf(f));
            assertEquals(new FrameRate(25, 1), f.frameRate());
            // a constant-rate clip without display metadata: its frames go out as wire version 1, as before
            assertEquals(DisplayInfo.NONE, f.display(), "display info of frame " + i);
            assertEquals(i, FrameIndexPattern.read(f.pixels(), 160, 1), "index pattern of frame " + i);
            assertWithinOne(clip.pixels(i), f.pixels(), "pixels of frame " + i);
        }
        FrameMessage end = out.endOfStream();
        assertEquals(50, end.frameCount());
        assertEquals(2_000_000L, end.ptsMicros(), 1_000);

        long sampleFrames = out.audio().stream().mapToLong(AudioChunk::sampleFrames).sum();
        assertEquals(96_000, sampleFrames, 960, "about 2 s of 48 kHz audio");
        for (int i = 0; i < out.audio().size(); i++) {
            AudioChunk a = out.audio().get(i);
            assertEquals(i, a.sequence());
            assertEquals(48_000, a.sampleRate());
            assertEquals(2, a.channels());
            assertEquals(i * 200_000L, a.ptsMicros(), 25_000, "pts of chunk " + i);
        }
        assertEquals(out.audio().size(), out.endOfAudio().sequence());
        assertEquals(result.audioChunks(), out.endOfAudio().sequence());
        assertTrue(out.audio().size() >= 4 && out.audio().size() <= 20, out.audio().size() + " chunks");

        assertEquals(50.0, registry.getSampleValue("srp_ingest_frames_total"));
        assertEquals(3.0, registry.getSampleValue("srp_ingest_shots_total"));
        assertEquals(0.0, registry.getSampleValue("srp_ingest_refresh_segments_total"));
        assertEquals((double) out.audio().size(), registry.getSampleValue("srp_ingest_audio_chunks_total"));
        assertTrue(registry.getSampleValue("srp_ingest_payload_bytes_total") > 0);
        assertEquals(50.0, registry.getSampleValue("srp_ingest_decode_seconds_count"));
        assertTrue(registry.getSampleValue("srp_ingest_publish_seconds_count") >= 7, "50 frames, <= 8 per commit");
    }

    /** SyntheticClip stores FFV1 as YUV444P, and an 8-bit RGB-YUV-RGB round trip may move a channel by one. */
    private static void assertWithinOne(byte[] expected, byte[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int k = 0; k < expected.length; k++) {
            int d = Math.abs((expected[k] & 0xff) - (actual[k] & 0xff));
            assertTrue(d <= 1, what + " differ by " + d + " at byte " + k);
        }
    }

    @Test
    void rgbLosslessClipArrivesBitExact() throws Exception {
        SyntheticClip clip = new SyntheticClip(160, 96, 25, 12, new int[] {6}, false, true);
        Path file = dir.resolve("rgb.mkv");
        try (FFmpegFrameRecorder rec = new FFmpegFrameRecorder(file.toString(), 160, 96, 0)) {
            rec.setFormat("matroska");
            rec.setVideoCodec(avcodec.AV_CODEC_ID_FFV1);
            rec.setPixelFormat(avutil.AV_PIX_FMT_BGR0);
            rec.setFrameRate(25);
            rec.start();
            for (int i = 0; i < clip.frames(); i++) {
                rec.record(RgbFrames.toFrame(clip.pixels(i), 160, 96), avutil.AV_PIX_FMT_RGB24);
            }
            rec.stop();
        }
        Topics topics = BROKER.freshTopics(3);
        new Ingest(config(file.toString(), topics, false), new IngestMetrics(new CollectorRegistry()))
                .run(new IngestListener() { });
        Committed out = Committed.read(BROKER.bootstrapServers(), topics, LIMITS);
        for (int i = 0; i < clip.frames(); i++) {
            assertArrayEquals(clip.pixels(i), out.frame(i).pixels(), "pixels of frame " + i);
        }
        assertEquals(clip.frames(), out.endOfStream().frameCount());
    }

    @Test
    void clipWithoutAudioEndsAudioWithCountZero() throws Exception {
        SyntheticClip clip = new SyntheticClip(160, 96, 25, 30, new int[] {12}, false, false);
        Path file = write(clip, "silent");
        Topics topics = BROKER.freshTopics(3);
        IngestResult result = new Ingest(config("file:" + file, topics, false),
                new IngestMetrics(new CollectorRegistry())).run(new IngestListener() { });

        assertEquals(30, result.frames());
        assertEquals(2, result.shots());
        assertEquals(0, result.audioChunks());
        Committed out = Committed.read(BROKER.bootstrapServers(), topics, LIMITS);
        assertEquals(30, out.frames().size());
        for (int i = 0; i < 30; i++) {
            FrameMessage f = out.frame(i);
            assertEquals(i, FrameIndexPattern.read(f.pixels(), 160, 1), "H.264 frame " + i + " carries its index");
            assertEquals(clip.shotOf(i), f.shotId(), "shot of frame " + i);
        }
        assertEquals(30, out.endOfStream().frameCount());
        assertTrue(out.audio().isEmpty());
        assertEquals(0, out.endOfAudio().sequence());
    }

    @Test
    void truncatedFileIsPublishedUpToTheCutWhenAllowed() throws Exception {
        Path file = BadInputIT.truncatedCopy(write(new SyntheticClip(160, 96, 25, 50, new int[] {20}, true, true),
                "cut"));
        Topics topics = BROKER.freshTopics(3);
        IngestResult result = new Ingest(config(file.toString(), topics, true),
                new IngestMetrics(new CollectorRegistry())).run(new IngestListener() { });

        assertTrue(result.frames() > 5 && result.frames() < 45, result.frames() + " frames decoded");
        Committed out = Committed.read(BROKER.bootstrapServers(), topics, LIMITS);
        assertEquals(result.frames(), out.frames().size());
        assertEquals(result.frames(), out.endOfStream().frameCount());
    }

    @Test
    void truncatedFileFailsByDefaultAndPublishesNoEndMarker() throws Exception {
        Path file = BadInputIT.truncatedCopy(write(new SyntheticClip(160, 96, 25, 50, new int[] {20}, true, true),
                "cut"));
        Topics topics = BROKER.freshTopics(3);
        CollectorRegistry registry = new CollectorRegistry();
        SrpException e = BadInputIT.expectFailure(new Ingest(config(file.toString(), topics, false),
                new IngestMetrics(registry)), file.toString(), "looks truncated: decoded ");
        assertTrue(e.getMessage().contains("of about 50 frames"), e.getMessage());
        assertTrue(e.hint().contains("--allow-truncated"), e.hint());
        assertEquals(1.0, registry.getSampleValue("srp_ingest_errors_total", new String[] {"reason"},
                new String[] {"truncated"}));

        long decoded = Long.parseLong(e.getMessage().replaceAll(".*decoded (\\d+) of.*", "$1"));
        Committed out = Committed.readAvailable(BROKER.bootstrapServers(), topics, LIMITS, Duration.ofSeconds(3));
        assertTrue(out.endOfStreamMissing(), "no end marker for a failed ingest");
        assertTrue(out.frames().size() <= decoded, out.frames().size() + " of " + decoded + " frames visible");
        for (int i = 0; i < out.frames().size(); i++) {
            assertEquals(i, out.frames().get(i).frameIndex(), "committed frames are a prefix");
        }
    }

    /**
     * A UDP/MPEG-TS camera that stops for longer than the read timeout and comes back: the stream goes on (same
     * stream, next frame indexes, a new shot, continuous timestamps); when it stops for good, what came is
     * published with the end marker and ingest fails with source_lost.
     */
    @Test
    void aLiveSourceThatDropsAndComesBackContinuesTheStream() throws Exception {
        SyntheticClip clip = new SyntheticClip(160, 96, 25, 100, new int[0], false, false);
        int port;
        try (java.net.DatagramSocket probe = new java.net.DatagramSocket(0)) {
            port = probe.getLocalPort();
        }
        String url = "udp://127.0.0.1:" + port;
        Topics topics = BROKER.freshTopics(3);
        CollectorRegistry registry = new CollectorRegistry();
        IngestConfig config = new IngestConfig(url, "cam", KafkaConnection.to(BROKER.bootstrapServers(), topics,
                LIMITS),
                Duration.ofSeconds(2), false, ShotConfig.defaults(), Duration.ofSeconds(6));
        MpegTsSender sender = MpegTsSender.open(clip, url);
        java.util.concurrent.CompletableFuture<Void> camera = java.util.concurrent.CompletableFuture.runAsync(() -> {
            try (sender) {
                if (!MpegTsSender.awaitUdpListener(port, 30_000)) {
                    throw new IllegalStateException("ingest never listened on " + url);
                }
                sender.send(0, 50, true);
                // Come back only once ingest noticed the outage: on a busy machine it may still be reading the
                // first half from its socket buffer long after the camera stopped.
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (registry.getSampleValue("srp_ingest_source_drops_total", STREAM, new String[] {config.streamId()}) < 1 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                Thread.sleep(300);
                sender.send(50, 50, true);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        SrpException e = org.junit.jupiter.api.Assertions.assertThrows(SrpException.class,
                () -> new Ingest(config, new IngestMetrics(registry)).run(new IngestListener() { }));
        camera.join();
        assertTrue(e.getMessage().contains("did not come back within 6 s"), e.getMessage());
        assertEquals(1.0, registry.getSampleValue("srp_ingest_errors_total", new String[] {"reason"},
                new String[] {"source_lost"}));
        String[] stream = {config.streamId()};
        assertEquals(1.0, registry.getSampleValue("srp_ingest_reconnects_total", STREAM, stream), "reconnects");
        assertEquals(2.0, registry.getSampleValue("srp_ingest_source_drops_total", STREAM, stream), "drops");
        assertEquals(0.0, registry.getSampleValue("srp_ingest_source_reconnecting", STREAM, stream),
                "no longer waiting for a camera that was given up");

        Committed out = Committed.read(BROKER.bootstrapServers(), topics, LIMITS);
        List<FrameMessage> frames = out.frames();
        assertTrue(frames.size() >= 60, "most of the 100 frames sent over loopback UDP arrived: " + frames.size());
        int resumedAt = -1;
        for (int i = 0; i < frames.size(); i++) {
            FrameMessage m = out.frame(i);
            if (i > 0) {
                assertTrue(m.ptsMicros() > frames.get(i - 1).ptsMicros(), "timestamps increase at " + i);
            }
            if (resumedAt < 0 && FrameIndexPattern.read(m.pixels(), m.width(), 1) >= 50) {
                resumedAt = i;
            }
        }
        assertTrue(resumedAt > 0, "frames from after the outage arrived");
        FrameMessage before = frames.get(resumedAt - 1);
        FrameMessage after = frames.get(resumedAt);
        assertTrue(after.shotId() > before.shotId(), "the resumed source starts a new shot");
        assertEquals(frames.get(0).shotId(), before.shotId(), "no cut before the outage");
        assertTrue(after.ptsMicros() - before.ptsMicros() <= 40_000 + 1,
                "the outage leaves no gap in the timestamps: " + (after.ptsMicros() - before.ptsMicros()) + " us");
        assertEquals(frames.size(), out.endOfStream().frameCount(), "end marker counts every frame");
    }
}
