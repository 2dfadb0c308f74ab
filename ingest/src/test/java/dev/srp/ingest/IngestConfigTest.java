package dev.srp.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srp.contract.KafkaConnection;
import dev.srp.contract.MessageLimits;
import dev.srp.contract.Topics;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class IngestConfigTest {

    private static IngestConfig config(String input, String streamId, String bootstrap, Duration timeout) {
        return new IngestConfig(input, streamId, KafkaConnection.to(bootstrap, Topics.defaults(),
                MessageLimits.defaults()), timeout,
                false);
    }

    @Test
    void acceptsPathsAndSupportedUrls() {
        for (String input : new String[] {"clip.mp4", "/data/a b.mkv", "file:/data/x.mkv", "file:///data/x.mkv",
                "http://h/x.mp4", "https://h/x.m3u8", "rtsp://cam/1", "udp://0.0.0.0:5000", "srt://h:9000"}) {
            config(input, "s1", "localhost:9092", Duration.ofSeconds(5));
        }
        assertEquals("srp-ingest-s1", config("a.mp4", "s1", "k:9092", Duration.ofSeconds(1)).transactionalId());
    }

    @Test
    void fileUrlsBecomePaths() {
        assertEquals(Path.of("/data/x.mkv"), InputLocation.parse("file:///data/x.mkv").file());
        assertEquals(Path.of("/data/x.mkv"), InputLocation.parse("file:/data/x.mkv").file());
        assertEquals("rtsp", InputLocation.parse("RTSP://cam/1").scheme());
        assertEquals("rtsp://admin:***@cam/1 and http://u:***@h/x", InputLocation.redact(
                "rtsp://admin:p@ss:w0rd@cam/1 and http://u:v@h/x"));
        assertEquals("udp://0.0.0.0:5000", InputLocation.redact("udp://0.0.0.0:5000"));
        assertEquals("http,https,tcp,tls,crypto", InputLocation.parse("https://h/live.m3u8").protocolWhitelist());
        assertEquals("file", InputLocation.parse("/videos/a.m3u8").protocolWhitelist());
        assertTrue(InputLocation.parse("srt://h:9000").alwaysLive());
        assertFalse(InputLocation.parse("https://h/a.mp4").alwaysLive());
    }

    @Test
    void rejectsEachBadFieldByName() {
        Duration ok = Duration.ofSeconds(5);
        assertMessage("input", () -> config(" ", "s", "k:1", ok));
        assertMessage("ftp", () -> config("ftp://h/x.mp4", "s", "k:1", ok));
        assertMessage("streamId", () -> config("a.mp4", "", "k:1", ok));
        assertMessage("streamId", () -> config("a.mp4", "a/b", "k:1", ok));
        assertMessage("bootstrapServers", () -> config("a.mp4", "s", "", ok));
        assertMessage("openTimeout", () -> config("a.mp4", "s", "k:1", Duration.ZERO));
        assertThrows(NullPointerException.class, () -> new IngestConfig("a.mp4", "s", KafkaConnection.to("k:1", null,
                MessageLimits.defaults()), ok, false));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable e) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
        assertTrue(x.getMessage().contains(expected), x.getMessage());
    }
}
