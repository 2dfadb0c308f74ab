package dev.srp.launcher;

import picocli.CommandLine.Option;

/** Where a service serves its Prometheus metrics. */
final class MetricsOptions {
    @Option(names = "--metrics-port", defaultValue = "0",
            description = "Port for Prometheus metrics at /metrics; 0 turns the endpoint off "
                    + "(default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--metrics-host", defaultValue = "127.0.0.1",
            description = "Address the metrics endpoint binds to; 0.0.0.0 in containers (default: ${DEFAULT-VALUE}).")
    String host;
}
