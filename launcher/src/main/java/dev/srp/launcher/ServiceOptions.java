package dev.srp.launcher;

import io.prometheus.client.CollectorRegistry;
import java.util.function.BiConsumer;
import java.util.function.Function;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What every stand-alone service command shares: Kafka, metrics, verbosity, and the start-up they imply. */
final class ServiceOptions {
    @Mixin KafkaOptions kafka = new KafkaOptions();
    @Mixin MetricsOptions metrics = new MetricsOptions();
    @Option(names = {"-v", "--verbose"}) boolean verbose;

    /**
     * Runs a long-lived service until SIGTERM/SIGINT: serves its metrics, makes sure the topics exist, creates and
     * starts it, then closes it before the metrics endpoint goes.
     */
    <S extends AutoCloseable> int serve(Function<CollectorRegistry, S> create,
            BiConsumer<S, MetricsServer> startService) throws Exception {
        CollectorRegistry registry = new CollectorRegistry();
        try (MetricsServer server = start(registry); S service = create.apply(registry)) {
            startService.accept(service, server);
            ServiceRunner.awaitShutdownSignal();
        }
        return 0;
    }

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
