package dev.srp.launcher;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Debian's real Prometheus server on loopback, scraping one target every second, for monitoring tests. */
final class PrometheusProcess implements AutoCloseable {
    private static final Set<Integer> HANDED_OUT = new HashSet<>();
    private final Process process;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    private PrometheusProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static PrometheusProcess start(Path dir, int targetPort, Path rules) throws Exception {
        Path binary = List.of("/usr/bin/prometheus", "/usr/local/bin/prometheus").stream().map(Path::of)
                .filter(Files::isExecutable).findFirst().orElseThrow(() -> new IllegalStateException(
                        "Debian's prometheus is needed for this test: apt-get install prometheus (.ci/run does)"));
        int port = freePort();
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
                + "rule_files:\n  - " + rules.toAbsolutePath() + "\n"
                + "scrape_configs:\n  - job_name: srp\n    static_configs:\n      - targets: [\"127.0.0.1:"
                + targetPort + "\"]\n");
        Process p = new ProcessBuilder(binary.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        PrometheusProcess prometheus = new PrometheusProcess(p, port);
        prometheus.awaitReady(dir.resolve("prometheus.log"));
        return prometheus;
    }

    private void awaitReady(Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("prometheus exited: " + Files.readString(log));
            }
            try {
                if (get("/-/ready").statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("prometheus not ready after 30 s: " + Files.readString(log));
    }

    /** The JSON answer of an instant query at {@code epochSeconds}. */
    String query(String promql, double epochSeconds) throws Exception {
        return get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8) + "&time="
                + epochSeconds).body();
    }

    /** The JSON answer of a range query. */
    String queryRange(String promql, double start, double end, double step) throws Exception {
        return get("/api/v1/query_range?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8) + "&start="
                + start + "&end=" + end + "&step=" + step).body();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A free port not handed out before in this JVM: a port released at once can come back on the next pick, and the
     * tests bind their picks later (a worker's and an egress's metrics, a camera), so a repeat would collide.
     */
    static synchronized int freePort() throws IOException {
        while (true) {
            try (ServerSocket s = new ServerSocket(0)) {
                if (HANDED_OUT.add(s.getLocalPort())) {
                    return s.getLocalPort();
                }
            }
        }
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
