package dev.srp.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srp.media.FrameIndexPattern;
import dev.srp.media.MpegTsSender;
import dev.srp.media.RgbFrames;
import dev.srp.media.SyntheticClip;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live in, live out: a UDP/MPEG-TS camera on loopback sends 5 s of 25 fps video in real time; {@code srp upscale}
 * reads it and writes HLS. The playlist must list several segments and end, and its frames must be the camera's,
 * upscaled x4, consecutive and in order.
 */
class LiveHlsIT {
    private static final SyntheticClip CLIP = new SyntheticClip(160, 96, 25, 125, new int[] {60}, false, false);

    @TempDir
    Path dir;

    @Test
    void aUdpCameraBecomesAnHlsStream() throws Exception {
        int port;
        try (DatagramSocket probe = new DatagramSocket(0)) {
            port = probe.getLocalPort();
        }
        String url = "udp://127.0.0.1:" + port;
        // its own thread: the common pool may have a single thread on 2 cores, and the pipeline's ingest needs it
        ExecutorService cameraThread = Executors.newSingleThreadExecutor();
        MpegTsSender sender = MpegTsSender.open(CLIP, url);
        CompletableFuture<Void> camera = CompletableFuture.runAsync(() -> {
            try (sender) {
                if (!MpegTsSender.awaitUdpListener(port, 60_000)) {
                    throw new IllegalStateException("ingest never listened on " + url);
                }
                sender.send(0, CLIP.frames(), true);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, cameraThread);
        cameraThread.shutdown();
        Path playlist = dir.resolve("live").resolve("cam.m3u8");
        CliRun run = CliRun.of("upscale", url, playlist.toString(), "--no-progress", "--open-timeout", "PT10S",
                "--reconnect-for", "PT0S", "--preset", "veryfast");
        camera.join();
        assertEquals(0, run.exitCode(), run.stderr());

        String text = Files.readString(playlist);
        assertTrue(text.contains("#EXT-X-ENDLIST"), "the playlist is closed: " + text);
        List<Path> segments;
        try (Stream<Path> files = Files.list(playlist.getParent())) {
            segments = files.filter(p -> p.toString().endsWith(".ts")).toList();
        }
        assertTrue(segments.size() >= 2, "2 s segments of a 5 s stream: " + segments + "\n" + text + run.stdout());
        for (Path s : segments) {
            assertTrue(text.contains(s.getFileName().toString()), "playlist lists " + s.getFileName());
        }

        List<Integer> indexes = new ArrayList<>();
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(playlist.toFile())) {
            g.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
            g.setOption("protocol_whitelist", "file");
            g.start();
            for (Frame f; (f = g.grabImage()) != null; ) {
                assertEquals(CLIP.width() * 4, f.imageWidth, "x4 width");
                indexes.add(FrameIndexPattern.read(RgbFrames.copyRgb(f), f.imageWidth, 4));
            }
        }
        assertTrue(indexes.size() >= 100, "most of the 125 frames sent over loopback UDP: " + indexes.size());
        for (int i = 1; i < indexes.size(); i++) {
            assertEquals(indexes.get(i - 1) + 1, (int) indexes.get(i), "consecutive camera frames: " + indexes);
        }
    }
}
