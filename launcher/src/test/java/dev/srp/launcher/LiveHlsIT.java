package dev.srp.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srp.media.RgbFrames;
import dev.srp.testsupport.FrameIndexPattern;
import dev.srp.testsupport.MpegTsSender;
import dev.srp.testsupport.SyntheticClip;
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
 * Live in, live out: a UDP/MPEG-TS camera on loopback sends 25 fps video in real time; {@code srp upscale}
 * reads it and writes HLS. The playlist must list its segments and end, and its frames must be the camera's,
 * upscaled x4, consecutive and in order.
 */
class LiveHlsIT {
    @TempDir
    Path dir;

    @Test
    void aUdpCameraBecomesAnHlsStream() throws Exception {
        SyntheticClip clip = new SyntheticClip(160, 96, 25, 125, new int[] {60}, false, false);
        Path playlist = dir.resolve("live").resolve("cam.m3u8");
        CliRun run = upscaleFromCamera(clip, playlist);
        String text = Files.readString(playlist);
        List<Path> segments = segments(playlist);
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
                assertEquals(clip.width() * 4, f.imageWidth, "x4 width");
                indexes.add(FrameIndexPattern.read(RgbFrames.copyRgb(f), f.imageWidth, 4));
            }
        }
        assertTrue(indexes.size() >= 100, "most of the 125 frames sent over loopback UDP: " + indexes.size());
        for (int i = 1; i < indexes.size(); i++) {
            assertEquals(indexes.get(i - 1) + 1, (int) indexes.get(i), "consecutive camera frames: " + indexes);
        }
    }

    /** An endless feed keeps a rolling window: the playlist lists the last N segments and older files go. */
    @Test
    void anHlsWindowKeepsOnlyTheLatestSegments() throws Exception {
        SyntheticClip clip = new SyntheticClip(160, 96, 25, 250, new int[0], false, false);
        Path playlist = dir.resolve("window").resolve("cam.m3u8");
        upscaleFromCamera(clip, playlist, "--hls-window", "2");
        String text = Files.readString(playlist);
        long listed = text.lines().filter(l -> l.endsWith(".ts")).count();
        assertEquals(2, listed, "the playlist lists the last 2 segments:\n" + text);
        assertTrue(text.contains("#EXT-X-MEDIA-SEQUENCE:") && !text.contains("#EXT-X-MEDIA-SEQUENCE:0\n"),
                "the window moved on:\n" + text);
        // FFmpeg keeps one segment beyond the window for clients still reading it
        assertTrue(segments(playlist).size() <= 3, "older segments were deleted: " + segments(playlist));
    }

    private CliRun upscaleFromCamera(SyntheticClip clip, Path playlist, String... extra) throws Exception {
        int port;
        try (DatagramSocket probe = new DatagramSocket(0)) {
            port = probe.getLocalPort();
        }
        String url = "udp://127.0.0.1:" + port;
        MpegTsSender sender = MpegTsSender.open(clip, url);
        // its own thread: the common pool may have a single thread on 2 cores, and the pipeline's ingest needs it
        ExecutorService cameraThread = Executors.newSingleThreadExecutor();
        CompletableFuture<Void> camera = CompletableFuture.runAsync(() -> {
            try (sender) {
                if (!MpegTsSender.awaitUdpListener(port, 60_000)) {
                    throw new IllegalStateException("ingest never listened on " + url);
                }
                sender.send(0, clip.frames(), true);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, cameraThread);
        cameraThread.shutdown();
        List<String> args = new ArrayList<>(List.of("upscale", url, playlist.toString(), "--no-progress",
                "--open-timeout", "PT10S", "--reconnect-for", "PT0S", "--preset", "veryfast"));
        args.addAll(List.of(extra));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        camera.join();
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(Files.readString(playlist).contains("#EXT-X-ENDLIST"), "the playlist is closed");
        return run;
    }

    private static List<Path> segments(Path playlist) throws Exception {
        try (Stream<Path> files = Files.list(playlist.getParent())) {
            return files.filter(p -> p.toString().endsWith(".ts")).sorted().toList();
        }
    }
}
