package dev.srp.launcher;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srp.egress.EgressMetrics;
import dev.srp.ingest.IngestMetrics;
import dev.srp.worker.WorkerMetrics;
import io.prometheus.client.Collector;
import io.prometheus.client.CollectorRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every srp metric the dashboard and the alert rules name is registered by the code: a rename breaks the build. */
class DashboardNamesTest {
    private static final Pattern METRIC = Pattern.compile("srp_[a-z0-9_]+");

    @Test
    void dashboardAndRulesNameOnlyRegisteredMetrics() throws Exception {
        CollectorRegistry registry = new CollectorRegistry();
        new IngestMetrics(registry);
        new WorkerMetrics(registry);
        new EgressMetrics(registry);
        Set<String> registered = new TreeSet<>();
        for (Collector.MetricFamilySamples family : Collections.list(registry.metricFamilySamples())) {
            for (Collector.MetricFamilySamples.Sample s : family.samples) {
                registered.add(s.name);
            }
            registered.add(family.name);
            if (family.type == Collector.Type.COUNTER) {
                registered.add(family.name + "_total");
            }
        }
        Path home = SrpHome.path();
        Set<String> missing = new TreeSet<>();
        for (Path file : new Path[] {home.resolve("deploy/grafana/dashboards/srp.json"),
            home.resolve("deploy/prometheus/alerts.yml")}) {
            Matcher m = METRIC.matcher(Files.readString(file));
            while (m.find()) {
                if (!registered.contains(m.group())) {
                    missing.add(m.group() + " (" + file.getFileName() + ")");
                }
            }
        }
        assertTrue(missing.isEmpty(), "not registered by any metrics class: " + missing);
    }
}
