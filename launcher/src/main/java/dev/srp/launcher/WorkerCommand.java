package dev.srp.launcher;

import dev.srp.worker.SrWorker;
import dev.srp.worker.WorkerConfig;
import dev.srp.worker.WorkerMetrics;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code srp worker --bootstrap B}: one SR worker; several with the same --application-id share the work. */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = "Run an SR worker (Kafka Streams) until stopped; workers with the same --application-id "
                + "form one consumer group.")
final class WorkerCommand implements Callable<Integer> {
    @Option(names = "--application-id", defaultValue = "srp-sr-worker") String applicationId;
    @Option(names = "--state-dir", defaultValue = "${java.io.tmpdir}/srp-worker-state") String stateDir;
    @Option(names = "--stream-threads", defaultValue = "1") int streamThreads;
    @Mixin ModelOptions model = new ModelOptions();
    @Mixin PayloadOptions payload = new PayloadOptions();
    @Mixin ServiceOptions service = new ServiceOptions();

    @Override
    public Integer call() throws Exception {
        WorkerConfig config = new WorkerConfig(service.kafka.connection(), applicationId, model.modelPath(),
                model.scale, model.batchSize, WorkerConfig.DEFAULT_BATCH_LINGER, StateDirTemplate.resolve(stateDir), streamThreads,
                model.threads(), payload.codec(), model.maskSettings(), model.latencyBudget);
        return service.serve(registry -> new SrWorker(config, new WorkerMetrics(registry)), (worker, server) -> {
            worker.start();
            System.out.printf("srp worker: %s running on %s, metrics on port %d%n", applicationId, worker.device(),
                    server.port());
        });
    }
}
