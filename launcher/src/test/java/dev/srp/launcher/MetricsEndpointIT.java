package dev.srp.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srp.egress.EgressMetrics;
import dev.srp.ingest.IngestMetrics;
import dev.srp.worker.WorkerMetrics;
import io.prometheus.client.CollectorRegistry;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every service's metrics are served over HTTP in Prometheus text format, with names per the style guide. */
class MetricsEndpointIT {
    @Test
    void servesEveryServicesMetrics() throws Exception {
        CollectorRegistry registry = new CollectorRegistry();
        new IngestMetrics(registry);
        new WorkerMetrics(registry);
        new EgressMetrics(registry);
        MetricsOptions options = new MetricsOptions();
        options.host = "127.0.0.1";
        try (ServerSocket s = new ServerSocket(0)) {
            options.port = s.getLocalPort();
        }
        try (MetricsServer server = MetricsServer.start(options, registry)) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            for (String name : List.of("srp_ingest_frames_total", "srp_ingest_decode_seconds_bucket",
                    "srp_worker_frames_in_total", "srp_worker_frames_out_total", "srp_worker_inference_seconds_bucket",
                    "srp_worker_inference_batch_size_bucket", "srp_egress_frames_total",
                    "srp_egress_encode_seconds_bucket", "srp_egress_duplicate_frames_total", "jvm_memory_bytes_used",
                    "srp_build_info", "srp_egress_end_to_end_latency_seconds_bucket",
                    "srp_worker_consumer_lag_records")) {
                assertTrue(r.body().contains(name), name + " missing from /metrics");
            }
            for (String line : r.body().split("\n")) {
                if (line.startsWith("# TYPE srp_")) {
                    String name = line.split(" ")[2];
                    // base units only: seconds and bytes, never milliseconds or kilobytes
                    assertTrue(!name.matches(".*(_ms|millis|_kb|_mb|_kilobytes|_megabytes)(_.*)?"), line);
                    if (line.endsWith(" counter")) {
                        assertTrue(name.endsWith("_total"), line);
                    }
                }
            }
        }
    }
}
