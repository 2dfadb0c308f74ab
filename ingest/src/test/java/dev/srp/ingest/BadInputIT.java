package dev.srp.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srp.contract.KafkaConnection;
import dev.srp.contract.MessageLimits;
import dev.srp.contract.SrpException;
import dev.srp.contract.Topics;
import dev.srp.testsupport.SyntheticClip;
import io.prometheus.client.CollectorRegistry;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs that cannot be ingested fail with one message that names them, before Kafka is contacted (the bootstrap
 * address here is a closed port); and an unreachable Kafka is reported by its address.
 */
class BadInputIT {
    private static final String NO_KAFKA = "127.0.0.1:1";

    @TempDir
    Path dir;

    /** A copy of {@code file} cut to half its size, as an interrupted download leaves it. */
    static Path truncatedCopy(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        String name = file.getFileName().toString();
        Path cut = file.resolveSibling(name.replace(".", "-half."));
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        return cut;
    }

    /** Runs and asserts an SrpException whose message names {@code input} and contains {@code fragment}. */
    static SrpException expectFailure(Ingest ingest, String input, String fragment) {
        SrpException e = assertThrows(SrpException.class, () -> ingest.run(new IngestListener() { }));
        assertTrue(e.getMessage().contains(input), "message names the input: " + e.getMessage());
        assertTrue(e.getMessage().contains(fragment), "message says '" + fragment + "': " + e.getMessage());
        assertTrue(e.hint() != null && !e.hint().isBlank(), "has a hint");
        return e;
    }

    private static SrpException expectFailure(String input, String fragment, String reason) {
        CollectorRegistry registry = new CollectorRegistry();
        Ingest ingest = new Ingest(new IngestConfig(input, "bad", KafkaConnection.to(NO_KAFKA, Topics.defaults(),
                MessageLimits.defaults()), Duration.ofSeconds(3), false), new IngestMetrics(registry));
        SrpException e = expectFailure(ingest, input, fragment);
        assertEquals(1.0, registry.getSampleValue("srp_ingest_errors_total", new String[] {"reason"},
                new String[] {reason}), "errors_total{reason=" + reason + "}");
        return e;
    }

    @Test
    void aCameraPasswordNeverReachesTheMessage() {
        String input = "rtsp://admin:s3cret@127.0.0.1:1/live";
        CollectorRegistry registry = new CollectorRegistry();
        Ingest ingest = new Ingest(new IngestConfig(input, "cam", KafkaConnection.to(NO_KAFKA, Topics.defaults(),
                MessageLimits.defaults()), Duration.ofSeconds(3), false), new IngestMetrics(registry));
        SrpException e = expectFailure(ingest, "rtsp://admin:***@127.0.0.1:1/live", "cannot open");
        assertFalse((e.getMessage() + e.hint()).contains("s3cret"), e.getMessage());
        assertFalse(String.valueOf(e.getCause()).contains("s3cret"), String.valueOf(e.getCause()));
    }

    @Test
    void missingFile() {
        String input = dir.resolve("nope.mp4").toString();
        SrpException e = expectFailure(input, "input file " + input + " does not exist", "input_missing");
        assertEquals("check the path", e.hint());
    }

    @Test
    void textFileWithAVideoExtension() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.mp4"), "just some text\n".repeat(100));
        expectFailure(file.toString(), "is not a video FFmpeg can read", "input_unreadable");
    }

    @Test
    void textFileThatFfmpegWouldRenderAsAnsiArt() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.txt"), "just some text\n".repeat(100));
        expectFailure(file.toString(), "is not a video FFmpeg can read", "input_unreadable");
    }

    @Test
    void audioOnlyFile() throws Exception {
        expectFailure(writeWav(dir.resolve("tone.wav")).toString(), "has no video stream", "no_video");
    }

    @Test
    void mp4CutBeforeItsIndex() throws Exception {
        Path clip = dir.resolve("clip.mp4");
        new SyntheticClip(160, 96, 25, 20, new int[0], true, false).write(clip);
        Path cut = truncatedCopy(clip);
        SrpException e = expectFailure(cut.toString(), "looks truncated or damaged", "truncated");
        assertTrue(e.hint().contains("re-download"), e.hint());
    }

    @Test
    void unreachableUrl() {
        SrpException e = expectFailure("http://127.0.0.1:1/x.mp4", "cannot open http://127.0.0.1:1/x.mp4: "
                + "connection refused", "source_unreachable");
        assertEquals("check the URL and that the source is running", e.hint());
    }

    /** A server that takes the connection and never answers (a hung camera) is reported as a timeout. */
    @Test
    void silentRtspServerTimesOut() throws Exception {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 5,
                java.net.InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                java.util.List<java.net.Socket> held = new java.util.ArrayList<>();
                try {
                    while (true) {
                        held.add(silent.accept()); // kept open, never answered
                    }
                } catch (java.io.IOException e) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            String url = "rtsp://127.0.0.1:" + silent.getLocalPort() + "/cam";
            long start = System.nanoTime();
            SrpException e = expectFailure(url, "timed out", "source_unreachable");
            double seconds = (System.nanoTime() - start) / 1e9;
            assertTrue(e.getMessage().contains("--open-timeout PT3S"), e.getMessage());
            assertTrue(seconds < 4.5, "a 3 s open timeout took " + seconds + " s");
            assertFalse(e.getMessage().contains("Invalid data"), e.getMessage());
            System.out.printf("silent RTSP server: refused after %.1f s with --open-timeout PT3S%n", seconds);
            acceptor.interrupt();
        }
    }

    @Test
    void unreachableKafkaIsNamedByItsAddress() throws Exception {
        Path clip = dir.resolve("ok.mkv");
        new SyntheticClip(160, 96, 25, 5, new int[0], false, true).write(clip);
        CollectorRegistry registry = new CollectorRegistry();
        Ingest ingest = new Ingest(new IngestConfig(clip.toString(), "bad", KafkaConnection.to(NO_KAFKA,
                Topics.defaults(), MessageLimits.defaults()), Duration.ofSeconds(2), false),
                new IngestMetrics(registry));
        SrpException e = assertThrows(SrpException.class, () -> ingest.run(new IngestListener() { }));
        assertTrue(e.getMessage().contains(NO_KAFKA), e.getMessage());
        assertTrue(e.hint().contains(NO_KAFKA), e.hint());
        assertEquals(1.0, registry.getSampleValue("srp_ingest_errors_total", new String[] {"reason"},
                new String[] {"kafka"}));
    }

    /** One second of 48 kHz stereo silence in a canonical WAV file. */
    private static Path writeWav(Path file) throws Exception {
        int rate = 48_000;
        int dataBytes = rate * 4;
        ByteBuffer b = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + dataBytes).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 2).putInt(rate).putInt(rate * 4)
                .putShort((short) 4).putShort((short) 16);
        b.put("data".getBytes()).putInt(dataBytes);
        return Files.write(file, b.array());
    }
}
