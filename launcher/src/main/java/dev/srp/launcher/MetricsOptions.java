package dev.srp.launcher;

import picocli.CommandLine.Option;

/** Where a service serves its Prometheus metrics. */
final class MetricsOptions {
    @Option(names = "--metrics-port", defaultValue = "0") int port;
    @Option(names = "--metrics-host", defaultValue = "127.0.0.1") String host;
}
