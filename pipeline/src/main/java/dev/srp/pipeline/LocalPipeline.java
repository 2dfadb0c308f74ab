package dev.srp.pipeline;

import dev.srp.broker.EmbeddedKafka;
import dev.srp.contract.FrameMessage;
import dev.srp.contract.KafkaConnection;
import dev.srp.contract.MessageLimits;
import dev.srp.contract.ModelSidecar;
import dev.srp.contract.SrpException;
import dev.srp.contract.Topics;
import dev.srp.egress.Egress;
import dev.srp.egress.EgressConfig;
import dev.srp.egress.EgressListener;
import dev.srp.egress.EgressMetrics;
import dev.srp.egress.EgressResult;
import dev.srp.ingest.Ingest;
import dev.srp.ingest.IngestConfig;
import dev.srp.ingest.IngestListener;
import dev.srp.ingest.IngestMetrics;
import dev.srp.ingest.IngestResult;
import dev.srp.ingest.SourceInfo;
import dev.srp.media.UrlCredentials;
import dev.srp.worker.SrWorker;
import dev.srp.worker.WorkerConfig;
import dev.srp.worker.WorkerMetrics;
import io.prometheus.client.CollectorRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs ingest, sr-worker and egress in this JVM against an embedded one-node KRaft broker for one input, the same
 * services and topics a cluster deployment uses, and waits until egress has finalised the output.
 */
public final class LocalPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(LocalPipeline.class);
    /** Frame topics get several partitions so the shots of one video spread as they would on a cluster. */
    private static final int PARTITIONS = 4;
    private static final Duration POLL = Duration.ofMillis(200);
    /** Out-of-order frames held in memory (compressed) before egress spills them to disk. */
    private static final long REORDER_BUFFER_BYTES = 256L << 20;
    /** Frames ingest may run ahead of egress: a few seconds of video, enough to keep every stage busy. */
    private static final long FLOW_WINDOW_FRAMES = 120;

    /**
     * The run's own broker carries frames up to 128 MiB, room for a raw 7680x4320 frame (a 3840x2160 input at x2):
     * a limit caps what a message may be, it reserves no memory, and the heap check at open keeps a run within the
     * memory it has (FrameBudget).
     */
    static final MessageLimits LOCAL_LIMITS = new MessageLimits(128 << 20);

    /** What the pipeline tells the command while it runs. */
    public interface Listener {
        void onSource(SourceInfo source);

        void onFramesWritten(long frames);

        /** A frame as ingest numbered it and sends it to the worker (on the ingest thread). */
        default void onLrFrame(FrameMessage frame) {
        }
    }

    private final UpscaleRequest request;
    private final CollectorRegistry registry;

    public LocalPipeline(UpscaleRequest request, CollectorRegistry registry) {
        this.request = request;
        this.registry = registry;
    }

    public UpscaleSummary run(Listener listener) {
        long start = System.nanoTime();
        Topics topics = Topics.defaults();
        MessageLimits limits = LOCAL_LIMITS;
        String streamId = StreamIds.forInput(request.input());
        // Everything that can be checked is checked before the broker starts, so a mistyped path or option fails in
        // well under a second; the run directory comes first because it also clears what killed runs left.
        try (RunDirectory run = RunDirectory.create()) {
            Optional<Path> inputFile = Ingest.checkInput(request.input());
            OutputTarget.check(request.output(), inputFile);
            Ingest.probe(request.input(), request.source().openTimeout()).ifPresent(this::checkBudget);
            ModelSidecar sidecar = ModelSidecar.readAndVerify(request.model());
            if (sidecar.scale() != request.scale()) {
                throw new SrpException("model " + request.model() + " upscales x" + sidecar.scale()
                        + " but --scale is " + request.scale(), "pass --scale " + sidecar.scale() + " or a x"
                        + request.scale() + " model");
            }
            if (!EgressConfig.isPushed(request.output())) {
                createParentDirectory(Path.of(request.outputTarget()));
            }
            StagedOutput output = new StagedOutput(request.outputTarget(), run);
            Path brokerDir = run.resolve("kafka");
            String bootstrap = EmbeddedKafka.configure(brokerDir, limits);
            KafkaConnection connection = KafkaConnection.to(bootstrap, topics, limits);
            WorkerConfig workerConfig = new WorkerConfig(connection, "srp-upscale-" + streamId, request.model(),
                    request.scale(), request.batchSize(), WorkerConfig.DEFAULT_BATCH_LINGER,
                    run.resolve("state"), 1, request.inferenceThreads(), request.hrPayload(), request.masks(),
                    request.latencyBudget());
            EgressConfig egressConfig = new EgressConfig(connection, "srp-egress-" + streamId, output.staging(),
                    request.codec(), request.crf(), request.preset(),
                    REORDER_BUFFER_BYTES, run.resolve("spill"), request.hlsWindow());
            IngestConfig ingestConfig = request.source().ingestConfig(request.input(), streamId,
                    connection);
            LOG.info("checks done");
            try (EmbeddedKafka kafka = EmbeddedKafka.startIn(brokerDir, limits)) {
                LOG.info("embedded broker ready");
                kafka.createTopics(topics, PARTITIONS);
                LOG.info("topics created");
                return runServices(kafka, workerConfig, egressConfig, ingestConfig, output, sidecar, topics,
                        streamId, listener, start);
            } finally {
                output.discard();
            }
        }
    }

    private UpscaleSummary runServices(EmbeddedKafka kafka, WorkerConfig workerConfig, EgressConfig egressConfig,
                                       IngestConfig ingestConfig, StagedOutput output, ModelSidecar sidecar,
                                       Topics topics, String streamId, Listener listener, long start) {
        CompletableFuture<EgressResult> finished = new CompletableFuture<>();
        FlowGate gate = new FlowGate(FLOW_WINDOW_FRAMES);
        try (SrWorker worker = new SrWorker(workerConfig, new WorkerMetrics(registry));
             Egress egress = new Egress(egressConfig, new EgressMetrics(registry),
                     egressListener(streamId, finished, listener, gate, output));
             ConsumedRecordsJanitor janitor = new ConsumedRecordsJanitor(kafka.admin(),
                     workerConfig.applicationId(), topics.framesLr(), egress::readPositions)) {
            worker.start();
            egress.start();
            Ingest ingest = new Ingest(ingestConfig, new IngestMetrics(registry));
            CompletableFuture<IngestResult> ingested = CompletableFuture.supplyAsync(() -> ingest.run(
                    new IngestListener() {
                        @Override
                        public void onOpened(SourceInfo info) {
                            checkBudget(info);
                            listener.onSource(info);
                        }

                        @Override
                        public void onFrameSent(FrameMessage frame) {
                            listener.onLrFrame(frame);
                        }

                        @Override
                        public void onFramePublished(long frameIndex) {
                            gate.published(frameIndex);
                        }
                    }));
            EgressResult result;
            try {
                result = await(finished, ingested, worker);
            } finally {
                gate.open();
            }
            output.commit();
            EgressResult moved = new EgressResult(result.streamId(), output.target(), result.frames(),
                    result.duplicatesDropped(), result.audioChunks(), result.width(), result.height(),
                    result.frameRate());
            return new UpscaleSummary(ingested.join(), moved, sidecar.name(), worker.device(),
                    Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private void checkBudget(SourceInfo info) {
        FrameBudget.check(UrlCredentials.redact(request.input()), info.width(), info.height(), request.scale(),
                request.batchSize(), LOCAL_LIMITS, Runtime.getRuntime().maxMemory());
    }

    private static EgressListener egressListener(String streamId, CompletableFuture<EgressResult> finished,
                                                 Listener listener, FlowGate gate, StagedOutput output) {
        return new EgressListener() {
            @Override
            public void onFrameWritten(String stream, long frameIndex) {
                if (stream.equals(streamId)) {
                    gate.written(frameIndex + 1);
                    listener.onFramesWritten(frameIndex + 1);
                }
            }

            @Override
            public void onStreamFinished(EgressResult result) {
                if (result.streamId().equals(streamId)) {
                    finished.complete(result);
                }
            }

            @Override
            public void onStreamFailed(String stream, SrpException error) {
                if (stream.equals(streamId)) {
                    finished.completeExceptionally(output.named(error));
                }
            }
        };
    }

    /** Waits for egress to finish, failing fast when ingest or the worker fails first. */
    private static EgressResult await(CompletableFuture<EgressResult> finished,
                                      CompletableFuture<IngestResult> ingested, SrWorker worker) {
        while (true) {
            try {
                return finished.get(POLL.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (ingested.isCompletedExceptionally()) {
                    ingested.join();
                }
                worker.failure().ifPresent(t -> {
                    throw t instanceof SrpException s ? s
                            : new SrpException("the SR worker failed: " + t.getMessage(),
                                    "rerun with --verbose for details", t);
                });
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SrpException("interrupted", null, e);
            }
        }
    }

    private static void createParentDirectory(Path output) {
        try {
            Files.createDirectories(output.getParent());
        } catch (IOException | SecurityException e) {
            throw new SrpException("cannot create the output directory " + output.getParent() + " for " + output
                    + ": " + e, "choose an OUTPUT path in a writable directory");
        }
    }
}
