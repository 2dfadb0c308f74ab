package dev.srp.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srp.testsupport.SyntheticClip;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped Grafana dashboard and alert rules against a real Prometheus (Debian's package) scraping a real
 * {@code srp upscale} run: every dashboard query must return data, every alert rule must evaluate, and every metric
 * a rule reads must exist. The run's fps and latency are drawn into target/monitoring-run.png from Prometheus's data.
 */
class MonitoringIT {
    private static final Pattern METRIC = Pattern.compile("srp_[a-z0-9_]+");
    private static final Pattern LABEL_VALUES =
            Pattern.compile("\"definition\": \"label_values\\((.+?), (\\w+)\\)\"");

    @TempDir
    Path dir;

    @Test
    void everyDashboardAndAlertQueryWorksOnARealRun() throws Exception {
        Path home = SrpHome.path();
        String dashboard = Files.readString(home.resolve("deploy/grafana/dashboards/srp.json"));
        Path rules = home.resolve("deploy/prometheus/alerts.yml");
        SyntheticClip clip = new SyntheticClip(160, 96, 25, 300, new int[] {100, 200}, true, false);
        Path input = dir.resolve("clip.mp4");
        clip.write(input);
        int metricsPort = PrometheusProcess.freePort();
        try (PrometheusProcess prometheus = PrometheusProcess.start(dir, metricsPort, rules)) {
            double start = System.currentTimeMillis() / 1000.0;
            CliRun run = CliRun.of("upscale", input.toString(), dir.resolve("out.mp4").toString(), "--no-progress",
                    "--metrics-port", Integer.toString(metricsPort), "--masks", "always", "--preset", "ultrafast");
            assertEquals(0, run.exitCode(), run.stderr());
            // the last scrape happened within a second before the metrics endpoint closed
            double at = System.currentTimeMillis() / 1000.0 - 1.5;

            List<String> failures = new ArrayList<>();
            for (String expr : PromJson.dashboardExpressions(dashboard)) {
                // the template variables at "All"
                String query = expr.replace("$instance", ".*").replace("$stream", ".*");
                String answer = prometheus.query(query, at);
                if (query.contains("DCGM_")) {
                    // NVIDIA's DCGM exporter runs beside GPU workers only: the query must be valid, data needs a GPU
                    if (!PromJson.success(answer)) {
                        failures.add("GPU dashboard query does not evaluate: " + query + " -> " + answer);
                    }
                } else if (!PromJson.hasData(answer)) {
                    failures.add("dashboard query without data: " + query + " -> " + answer);
                }
            }
            Matcher variable = LABEL_VALUES.matcher(dashboard);
            int variables = 0;
            while (variable.find()) {
                variables++;
                // Grafana lists a label's values over the dashboard's time range, ended streams included
                String query = "count by (" + variable.group(2) + ") (last_over_time("
                        + variable.group(1).replace("\\\"", "\"") + "[5m]))";
                if (!PromJson.hasData(prometheus.query(query, at))) {
                    failures.add("template variable without values: " + variable.group());
                }
            }
            assertTrue(variables >= 2, "the dashboard's instance and stream variables are gone");
            for (String expr : ruleExpressions(rules)) {
                String answer = prometheus.query(expr, at);
                if (!PromJson.success(answer)) {
                    failures.add("alert rule does not evaluate: " + expr + " -> " + answer);
                }
                Matcher m = METRIC.matcher(expr);
                while (m.find()) {
                    String metric = m.group();
                    if (!PromJson.hasData(prometheus.query("count(" + metric + ")", at))) {
                        failures.add("alert rule reads a metric with no data: " + metric + " in " + expr);
                    }
                }
            }
            assertTrue(failures.isEmpty(), String.join("\n", failures));
            plot(prometheus, start, at);
        }
    }

    private static List<String> ruleExpressions(Path rules) throws Exception {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(rules)) {
            String t = line.strip();
            if (t.startsWith("expr:")) {
                out.add(t.substring("expr:".length()).strip());
            }
        }
        assertTrue(out.size() >= 4, "alert rules not found in " + rules);
        return out;
    }

    private void plot(PrometheusProcess prometheus, double start, double end) throws Exception {
        Map<String, List<double[]>> fps = new LinkedHashMap<>();
        fps.put("ingest", series(prometheus, "sum(rate(srp_ingest_frames_total[3s]))", start, end));
        fps.put("sr-worker", series(prometheus, "sum(rate(srp_worker_frames_out_total[3s]))", start, end));
        fps.put("egress", series(prometheus, "sum(rate(srp_egress_frames_total[3s]))", start, end));
        Map<String, List<double[]>> latency = new LinkedHashMap<>();
        for (String q : new String[] {"0.50", "0.95", "0.99"}) {
            latency.put("p" + q.substring(2), series(prometheus, "histogram_quantile(" + q
                    + ", sum by (le) (rate(srp_egress_end_to_end_latency_seconds_bucket[3s])))", start, end));
        }
        Path png = Path.of("target", "monitoring-run.png");
        RunPlot.write(png, "srp upscale, 300 frames 160x96 -> 640x384, from Prometheus (1 s scrapes)", start, end,
                List.of(new RunPlot.Chart("frames per second by stage", "fps", fps),
                        new RunPlot.Chart("end-to-end latency, decode to encode", "s", latency)));
        assertTrue(Files.size(png) > 0);
    }

    private static List<double[]> series(PrometheusProcess p, String q, double start, double end) throws Exception {
        return PromJson.firstSeries(p.queryRange(q, start, end, 1));
    }
}
