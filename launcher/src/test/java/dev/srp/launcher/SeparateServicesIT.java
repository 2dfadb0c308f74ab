package dev.srp.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srp.broker.EmbeddedKafka;
import dev.srp.contract.MessageLimits;
import dev.srp.media.FrameIndexPattern;
import dev.srp.media.RgbFrames;
import dev.srp.media.SyntheticClip;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster deployment in miniature: a broker, two {@code srp worker} processes in one consumer group and one
 * {@code srp egress} process, each a separate JVM started from the command line, and {@code srp ingest} publishing a
 * clip with three shots. The output must hold every frame once, in order.
 */
class SeparateServicesIT {
    private static final int FRAMES = 60;

    @TempDir
    Path dir;

    @Test
    void twoWorkersAndAnEgressProcessUpscaleAStream() throws Exception {
        SyntheticClip clip = new SyntheticClip(160, 96, 25, FRAMES, new int[] {20, 40}, true, false);
        Path input = dir.resolve("clip.mp4");
        clip.write(input);
        List<Process> services = new ArrayList<>();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(MessageLimits.defaults())) {
            try {
                runServices(kafka.bootstrapServers(), input, services);
            } finally {
                // Stop the services while their broker is still up, or they wait out their commit timeouts.
                for (Process p : services) {
                    p.destroy();
                }
                for (Process p : services) {
                    if (!p.waitFor(30, TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                    }
                }
            }
        }
    }

    private void runServices(String bootstrap, Path input, List<Process> services) throws Exception {
        for (int i = 0; i < 2; i++) {
            services.add(start(dir.resolve("worker-" + i + ".log"), "worker", "--bootstrap", bootstrap,
                    "--state-dir", dir.resolve("state-" + i).toString(), "--inference-threads", "1"));
        }
        services.add(start(dir.resolve("egress.log"), "egress", "--bootstrap", bootstrap, "--output",
                dir.resolve("{stream}.mp4").toString(), "--preset", "veryfast"));
        CliRun ingest = CliRun.of("ingest", "--bootstrap", bootstrap, "--stream-id", "cam7", input.toString());
        assertEquals(0, ingest.exitCode(), ingest.stderr());

        Path output = dir.resolve("cam7.mp4");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(output) && System.nanoTime() < deadline) {
            for (Process p : services) {
                assertTrue(p.isAlive(), "a service died: " + logs());
            }
            Thread.sleep(250);
        }
        assertTrue(Files.exists(output), "no output after 120 s: " + logs());
        assertEquals(range(FRAMES), indexes(output));
    }

    private Process start(Path log, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(), "-cp", System.getProperty("java.class.path"), "-Dai.djl.offline=true",
                "-Dsrp.home=" + SrpHome.path(), Srp.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("OPT_OUT_TRACKING", "true");
        return pb.start();
    }

    private String logs() throws Exception {
        StringBuilder b = new StringBuilder();
        try (var files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".log")).toList()) {
                b.append("\n--- ").append(p.getFileName()).append('\n').append(Files.readString(p));
            }
        }
        return b.toString();
    }

    private static List<Integer> range(int n) {
        List<Integer> r = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            r.add(i);
        }
        return r;
    }

    private static List<Integer> indexes(Path output) throws Exception {
        List<Integer> indexes = new ArrayList<>();
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(output.toFile())) {
            g.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
            g.start();
            for (Frame f; (f = g.grabImage()) != null; ) {
                indexes.add(FrameIndexPattern.read(RgbFrames.copyRgb(f), f.imageWidth, 4));
            }
        }
        return indexes;
    }
}
