package dev.srp.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.srp.contract.KafkaConnection;
import dev.srp.contract.MessageLimits;
import dev.srp.contract.SrpException;
import dev.srp.contract.Topics;
import dev.srp.testsupport.MpegTsSender;
import dev.srp.testsupport.SyntheticClip;
import io.prometheus.client.CollectorRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HLS over HTTP from a loopback web server: a playlist whose segments are on the server plays; a playlist that
 * names a local file as its segment is refused, so a playlist cannot make ingest read the machine's files.
 * FFmpeg 8's own default for http happens to refuse file: too, but srp sets its list explicitly (narrower: no
 * udp, rtp or httpproxy behind a playlist) so it does not depend on a library default; adding "file" to srp's
 * http list makes the second test fail (checked by hand).
 */
class ProtocolWhitelistIT {
    private static final SyntheticClip CLIP = new SyntheticClip(160, 96, 25, 20, new int[0], false, false);

    @TempDir
    Path dir;
    private HttpServer server;
    private final List<String> requested = new CopyOnWriteArrayList<>();
    private Path segment;

    @BeforeEach
    void serve() throws Exception {
        segment = dir.resolve("seg0.ts");
        MpegTsSender.write(CLIP, segment);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        route("/seg0.ts", Files.readAllBytes(segment));
        route("/remote.m3u8", playlist(base + "/seg0.ts"));
        route("/local.m3u8", playlist(segment.toUri().toString()));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aPlaylistWithSegmentsOnItsServerPlays() {
        String url = url("/remote.m3u8");
        int frames = 0;
        try (VideoSource source = VideoSource.open(url, Duration.ofSeconds(10))) {
            while (source.next() != null) {
                frames++;
            }
            assertEquals(null, source.decodeError());
        }
        assertEquals(CLIP.frames(), frames, "frames of the HLS stream");
        assertTrue(requested.contains("/seg0.ts"), "the segment came over HTTP: " + requested);
    }

    @Test
    void aPlaylistThatNamesALocalFileIsRefused() {
        String url = url("/local.m3u8");
        CollectorRegistry registry = new CollectorRegistry();
        Ingest ingest = new Ingest(new IngestConfig(url, "hls", KafkaConnection.to("127.0.0.1:1", Topics.defaults(),
                MessageLimits.defaults()), Duration.ofSeconds(5), false), new IngestMetrics(registry));
        SrpException e = BadInputIT.expectFailure(ingest, url, "cannot open " + url);
        assertTrue(e.hint().contains("http,https,tcp,tls,crypto"), "hint names the allowed protocols: " + e.hint());
        assertTrue(requested.contains("/local.m3u8"), "the playlist itself was fetched: " + requested);
        assertFalse(e.getMessage().contains("Kafka"), "failed before reaching Kafka: " + e.getMessage());
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private static byte[] playlist(String segmentUrl) {
        return ("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:1\n#EXT-X-MEDIA-SEQUENCE:0\n"
                + "#EXTINF:0.8,\n" + segmentUrl + "\n#EXT-X-ENDLIST\n").getBytes(StandardCharsets.US_ASCII);
    }

    private void route(String path, byte[] body) {
        server.createContext(path, exchange -> {
            requested.add(exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(200, body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
    }
}
