package dev.srp.launcher;

import io.prometheus.client.CollectorRegistry;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What every stand-alone service command shares: Kafka, metrics, verbosity, and the start-up they imply. */
final class ServiceOptions {
    @Mixin
    KafkaOptions kafka = new KafkaOptions();

    @Mixin
    MetricsOptions metrics = new MetricsOptions();

    @Option(names = {"-v", "--verbose"}, description = "Show logs and stack traces.")
    boolean verbose;

    /** Serves the metrics and makes sure the srp topics exist; the caller closes the server. */
    MetricsServer start(CollectorRegistry registry) {
        MetricsServer server = MetricsServer.start(metrics, registry);
        try {
            kafka.ensureTopics();
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }
}
