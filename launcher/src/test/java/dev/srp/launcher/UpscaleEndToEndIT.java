package dev.srp.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srp.media.FfmpegLog;
import dev.srp.media.RgbFrames;
import dev.srp.testsupport.FrameIndexPattern;
import dev.srp.testsupport.SyntheticClip;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline as a user runs it: {@code srp upscale} on a generated clip with a visible frame-index
 * pattern and a soundtrack, through a real embedded broker, the shipped default TorchScript model via DJL and real
 * FFmpeg encoding; then the output is decoded and checked frame by frame.
 */
class UpscaleEndToEndIT {
    private static final int FRAMES = 50;
    private static final SyntheticClip CLIP = new SyntheticClip(160, 96, 25, FRAMES, new int[] {20, 35}, true, false);

    @TempDir
    static Path dir;
    static Path input;

    @BeforeAll
    static void writeClip() throws Exception {
        input = dir.resolve("clip" + CLIP.extension());
        CLIP.write(input);
    }

    @Test
    void everyFrameComesOutOnceInOrderAtFourTimesTheSizeWithAudio() throws Exception {
        Path output = dir.resolve("out.mp4");
        CliRun run = CliRun.of("upscale", input.toString(), output.toString(), "--no-progress", "--crf", "14",
                "--preset", "veryfast");
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stdout().contains("frames " + FRAMES), run.stdout());

        FfmpegLog.errorsOnly();
        List<Integer> indexes = new ArrayList<>();
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(output.toFile())) {
            g.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
            g.start();
            assertEquals(640, g.getImageWidth());
            assertEquals(384, g.getImageHeight());
            assertEquals(25.0, g.getFrameRate(), 0.01);
            assertTrue(g.getAudioChannels() > 0, "output has no audio stream");
            long audioSamples = 0;
            for (Frame f; (f = g.grab()) != null; ) {
                if (f.image != null) {
                    indexes.add(FrameIndexPattern.read(RgbFrames.copyRgb(f), f.imageWidth, 4));
                } else if (f.samples != null) {
                    audioSamples += f.samples[0].limit() / Math.max(1, f.audioChannels);
                }
            }
            double audioSeconds = (double) audioSamples / g.getSampleRate();
            assertEquals(FRAMES / 25.0, audioSeconds, 0.1, "audio duration");
            assertEquals(FRAMES / 25.0, g.getLengthInTime() / 1e6, 0.1, "container duration");
        }
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < FRAMES; i++) {
            expected.add(i);
        }
        assertEquals(expected, indexes, "frame indexes read back from the output");
        assertTrue(Files.list(dir).noneMatch(p -> p.toString().endsWith(".part")), "a .part file was left behind");
    }

    @Test
    void losslessMasterWithFfv1() throws Exception {
        Path output = dir.resolve("master.mkv");
        CliRun run = CliRun.of("upscale", input.toString(), output.toString(), "--no-progress", "--codec", "ffv1");
        assertEquals(0, run.exitCode(), run.stderr());
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(output.toFile())) {
            g.start();
            assertEquals("ffv1", g.getVideoCodecName());
            assertEquals(640, g.getImageWidth());
            int frames = 0;
            while (g.grabImage() != null) {
                frames++;
            }
            assertEquals(FRAMES, frames);
        }
    }

    /** A silent clip longer than the flow window: egress must learn "no audio" before ingest is held back. */
    @Test
    void silentClipLongerThanTheFlowWindow() throws Exception {
        SyntheticClip silent = new SyntheticClip(160, 96, 25, 150, new int[] {70}, false, false);
        Path in = dir.resolve("silent" + silent.extension());
        silent.write(in);
        Path output = dir.resolve("silent-out.mp4");
        CliRun run = CliRun.of("upscale", in.toString(), output.toString(), "--no-progress", "--preset", "veryfast");
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(!run.stderr().contains("letting ingest run ahead"), "the flow gate stalled: " + run.stderr());
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(output.toFile())) {
            g.start();
            assertEquals(0, g.getAudioChannels(), "a silent input must give a silent output");
            int frames = 0;
            while (g.grabImage() != null) {
                frames++;
            }
            assertEquals(150, frames);
        }
    }

    /** Inputs can be URLs: the clip served over HTTP on loopback by the JDK's own server. */
    @Test
    void upscalesFromAnHttpUrl() throws Exception {
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        byte[] body = Files.readAllBytes(input);
        server.createContext("/clip.mp4", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "video/mp4");
            exchange.sendResponseHeaders(200, body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/clip.mp4";
            Path output = dir.resolve("from-http.mp4");
            CliRun run = CliRun.of("upscale", url, output.toString(), "--no-progress", "--preset", "veryfast");
            assertEquals(0, run.exitCode(), run.stderr());
            assertTrue(run.stdout().contains("frames " + FRAMES), run.stdout());
        } finally {
            server.stop(0);
        }
    }

    /** The same input to the same output twice: the second run replaces the first run's file. */
    @Test
    void rerunReplacesAnEarlierOutput() throws Exception {
        Path output = dir.resolve("again.mkv");
        for (int run = 0; run < 2; run++) {
            CliRun r = CliRun.of("upscale", input.toString(), output.toString(), "--no-progress", "--codec", "ffv1");
            assertEquals(0, r.exitCode(), "run " + run + ": " + r.stderr());
        }
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(output.toFile())) {
            g.start();
            int frames = 0;
            while (g.grabImage() != null) {
                frames++;
            }
            assertEquals(FRAMES, frames);
        }
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(".again")),
                    "a staging file was left behind");
        }
    }

    /** Masks from the SAM generator (SAM-shaped test stand-in), computed once per shot and reused for its frames. */
    @Test
    void samMasksAreComputedOncePerShot() throws Exception {
        Path standIn = SrpHome.path().resolve("sr-worker/src/test/resources/sam-standin");
        CliRun run = CliRun.of("upscale", input.toString(), dir.resolve("sam.mp4").toString(), "--no-progress",
                "--preset", "veryfast", "--masks", "always", "--sam-export", standIn.toString());
        assertEquals(0, run.exitCode(), run.stderr());
        Matcher shots = Pattern.compile("shots (\\d+)").matcher(run.stdout());
        Matcher masks = Pattern.compile("masks: (\\d+) segmentations, (\\d+) cache hits")
                .matcher(run.stdout());
        assertTrue(shots.find() && masks.find(), run.stdout());
        assertEquals(shots.group(1), masks.group(1), "one segmentation per shot: " + run.stdout());
        assertEquals(FRAMES, Integer.parseInt(masks.group(1)) + Integer.parseInt(masks.group(2)), run.stdout());
    }

    /**
     * A model with SAMSR's inputs (lr, weight, noise; random test weights from model/make_parity_goldens.py): masks
     * switch on by themselves (--masks auto), once per shot, and every frame still comes out once, in order.
     */
    @Test
    void samsrModelGetsPerShotMasksAutomatically() throws Exception {
        Path model = SrpHome.path().resolve("sr-worker/src/test/resources/samsr-parity/samsr-fast-x4-random-test.pt");
        Path output = dir.resolve("samsr.mkv");
        CliRun run = CliRun.of("upscale", input.toString(), output.toString(), "--no-progress", "--codec", "ffv1",
                "--model", model.toString());
        assertEquals(0, run.exitCode(), run.stderr());
        Matcher shots = Pattern.compile("shots (\\d+)").matcher(run.stdout());
        Matcher masks = Pattern.compile("masks: (\\d+) segmentations").matcher(run.stdout());
        assertTrue(shots.find() && masks.find(), run.stdout());
        assertEquals(shots.group(1), masks.group(1), run.stdout());
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(output.toFile())) {
            g.start();
            assertEquals(640, g.getImageWidth());
            int frames = 0;
            while (g.grabImage() != null) {
                frames++;
            }
            assertEquals(FRAMES, frames);
        }
    }
}
