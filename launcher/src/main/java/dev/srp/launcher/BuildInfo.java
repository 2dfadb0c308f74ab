package dev.srp.launcher;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Gauge;

/** The srp build a process runs, as the metric srp_build_info{version} = 1, so dashboards can tell builds apart. */
final class BuildInfo {
    static final String METRIC = "srp_build_info";

    private BuildInfo() {
    }

    static String version() {
        String v = BuildInfo.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }

    static void register(CollectorRegistry registry) {
        Gauge.build(METRIC, "The srp build this process runs (always 1)").labelNames("version")
                .register(registry).labels(version()).set(1);
    }
}
