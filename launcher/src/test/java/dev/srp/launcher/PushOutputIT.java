package dev.srp.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srp.media.FfmpegLog;
import dev.srp.media.RgbFrames;
import dev.srp.testsupport.FrameIndexPattern;
import dev.srp.testsupport.SyntheticClip;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code srp upscale INPUT rtmp://...} and {@code rtsp://...} push the upscaled stream to a media server. The
 * server is FFmpeg itself listening on loopback (RTMP {@code listen}, RTSP {@code rtsp_flags=listen}) in this JVM;
 * srp runs as its own process because JavaCV opens every grabber and recorder under one JVM-wide lock, which a
 * listening grabber holds until a publisher connects. Each frame carries its index, so the test checks what the
 * server received frame by frame.
 */
class PushOutputIT {
    private static final int FRAMES = 50;
    private static final SyntheticClip CLIP = new SyntheticClip(160, 96, 25, FRAMES, new int[] {25}, true, false);

    @TempDir
    Path dir;

    /** A server srp can push to: the URL scheme and how FFmpeg listens for a publisher. */
    enum Server {
        // RTMP's "timeout" is how many seconds it waits for the publisher; RTSP's is a socket timeout in
        // microseconds, its wait for the publisher is "listen_timeout" (which implies rtsp_flags=listen)
        RTMP("rtmp", "flv", "listen", "1", "timeout"),
        RTSP("rtsp", "rtsp", "rtsp_flags", "listen", "listen_timeout");

        final String scheme;
        final String format;
        final String option;
        final String value;
        final String waitOption;

        Server(String scheme, String format, String option, String value, String waitOption) {
            this.scheme = scheme;
            this.format = format;
            this.option = option;
            this.value = value;
            this.waitOption = waitOption;
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Server.class)
    void theUpscaledStreamReachesTheServerFrameByFrame(Server server) throws Exception {
        Path input = dir.resolve("clip.mp4");
        CLIP.write(input);
        int port = PrometheusProcess.freePort();
        String url = server.scheme + "://127.0.0.1:" + port + "/live/cam";
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (ServiceProcesses services = new ServiceProcesses(dir)) {
            Future<List<Integer>> received = pool.submit(() -> receive(server, url, Integer.MAX_VALUE));
            if (!awaitTcpListener(port, 30_000)) {
                throw new AssertionError("the test server never listened on " + url + (received.isDone()
                        ? ": " + failureOf(received) : ""));
            }
            services.start("upscale", "upscale", input.toString(), url, "--no-progress", "--preset", "veryfast");
            int exit = services.awaitExit("upscale", Duration.ofSeconds(240));
            assertEquals(0, exit, services.logs());
            List<Integer> frames = received.get(60, TimeUnit.SECONDS);
            FrameAccounting accounting = new FrameAccounting(FRAMES, frames);
            System.out.printf("push to %s: %s%n", server, accounting.summary());
            accounting.assertExactlyOnceInOrder("frames the " + server + " server received");
            assertTrue(Files.readString(dir.resolve("upscale.log")).contains(url), "srp names where it pushed");
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The RTMP server goes away after 30 frames and a new one listens on the same port: srp connects again and
     * pushes the rest of the stream there. What was in the dead connection is lost (the test prints how much); the
     * rest arrives once, in order.
     */
    @Test
    void aPushThatLosesItsServerConnectsAgainAndGoesOn() throws Exception {
        int frames = 250;
        int firstServerFrames = 30;
        Path input = dir.resolve("long.mp4");
        new SyntheticClip(160, 96, 25, frames, new int[] {100}, true, false).write(input);
        int port = PrometheusProcess.freePort();
        String url = "rtmp://127.0.0.1:" + port + "/live/cam";
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (ServiceProcesses services = new ServiceProcesses(dir)) {
            Future<List<List<Integer>>> received = pool.submit(() -> List.of(
                    receive(Server.RTMP, url, firstServerFrames), receive(Server.RTMP, url, Integer.MAX_VALUE)));
            if (!awaitTcpListener(port, 30_000)) {
                throw new AssertionError("the test server never listened on " + url);
            }
            services.start("upscale", "upscale", input.toString(), url, "--no-progress", "--preset", "veryfast");
            int exit = services.awaitExit("upscale", Duration.ofSeconds(300));
            assertEquals(0, exit, services.logs());
            List<List<Integer>> servers = received.get(60, TimeUnit.SECONDS);
            List<Integer> first = servers.get(0);
            List<Integer> second = servers.get(1);
            List<Integer> all = new ArrayList<>(first);
            all.addAll(second);
            FrameAccounting accounting = new FrameAccounting(frames, all);
            System.out.printf("push that lost its server: first server %d frames (%s-%s), second %d (%s-%s); %s%n",
                    first.size(), first.get(0), first.get(first.size() - 1), second.size(),
                    second.isEmpty() ? "-" : second.get(0), second.isEmpty() ? "-" : second.get(second.size() - 1),
                    accounting.summary());
            assertEquals(firstServerFrames, first.size(), "frames the first server took before it went away");
            assertFalse(second.isEmpty(), "the second server got nothing: srp did not connect again");
            assertEquals(frames - 1, second.get(second.size() - 1), "the stream did not go on to its last frame");
            for (int i = 1; i < all.size(); i++) {
                assertTrue(all.get(i) > all.get(i - 1), "frames repeated or out of order at " + i + ": " + all);
            }
            // what is lost is what sat in the dead connection's socket buffers: 16 frames when last measured
            assertTrue(frames - all.size() <= 50, "more than 2 s of frames lost: " + accounting.summary());
            String log = Files.readString(dir.resolve("upscale.log"));
            assertTrue(log.contains("connecting again") && log.contains("again after"), log);
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Server.class)
    void aServerThatIsNotThereIsAClearError(Server server) throws Exception {
        Path input = dir.resolve("clip.mp4");
        CLIP.write(input);
        String url = server.scheme + "://viewer:s3cret@127.0.0.1:" + PrometheusProcess.freePort() + "/live/cam";
        CliRun run = CliRun.of("upscale", input.toString(), url, "--no-progress", "--preset", "veryfast");
        assertNotEquals(0, run.exitCode());
        assertTrue(run.stderr().contains("cannot push stream"), run.stderr());
        assertTrue(run.stderr().contains("check that the server runs"), run.stderr());
        assertTrue(!run.stderr().contains("s3cret") && !run.stdout().contains("s3cret"),
                "the password leaked: " + run.stderr());
    }

    private static String failureOf(Future<?> future) {
        try {
            future.get();
            return "it ended without a publisher";
        } catch (Exception e) {
            return String.valueOf(e.getCause());
        }
    }

    /**
     * Listens as {@code server}, takes one publisher and returns the frame indexes it sent, in order; hangs up
     * after {@code maxFrames}.
     */
    private static List<Integer> receive(Server server, String url, int maxFrames) throws Exception {
        FfmpegLog.errorsOnly();
        List<Integer> indexes = new ArrayList<>();
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(url)) {
            g.setFormat(server.format);
            g.setOption(server.option, server.value);
            g.setOption(server.waitOption, "120");
            g.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
            g.start();
            for (Frame f; indexes.size() < maxFrames && (f = g.grabImage()) != null; ) {
                assertEquals(160 * 4, f.imageWidth, "pushed frame width");
                assertEquals(96 * 4, f.imageHeight, "pushed frame height");
                indexes.add(FrameIndexPattern.read(RgbFrames.copyRgb(f), f.imageWidth, 4));
            }
        }
        return indexes;
    }

    /** Whether some socket of this machine listens on TCP {@code port} (Linux /proc/net/tcp, state 0A). */
    private static boolean awaitTcpListener(int port, long maxMillis) throws Exception {
        String local = String.format(":%04X", port);
        long deadline = System.nanoTime() + maxMillis * 1_000_000L;
        while (System.nanoTime() < deadline) {
            for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
                Path path = Path.of(table);
                if (Files.exists(path) && Files.readAllLines(path).stream().skip(1)
                        .map(line -> line.trim().split("\\s+"))
                        .anyMatch(f -> f.length > 3 && f[1].endsWith(local) && f[3].equals("0A"))) {
                    return true;
                }
            }
            Thread.sleep(50);
        }
        return false;
    }
}
