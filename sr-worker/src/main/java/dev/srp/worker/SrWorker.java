package dev.srp.worker;

import dev.srp.contract.ConsumerLag;
import dev.srp.contract.SrpException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SR worker: loads the model once, runs the topology on Kafka Streams and reports a dead stream through
 * {@link #failure()} so the launcher can abort instead of waiting forever.
 */
public final class SrWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SrWorker.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final WorkerConfig config;
    private final WorkerMetrics metrics;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private DjlUpscaler upscaler;
    private KafkaStreams streams;

    public SrWorker(WorkerConfig config, WorkerMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
    }

    /**
     * Loads the model and starts processing; returns without waiting for the first frame.
     *
     * @throws SrpException if the model cannot be loaded or Kafka Streams refuses to start
     */
    public synchronized void start() {
        if (streams != null) {
            throw new IllegalStateException("SR worker already started");
        }
        upscaler = DjlUpscaler.load(config.modelPath(), config.scale(), config.inferenceThreads());
        metrics.modelLoaded(upscaler.name(), upscaler.sha256(), upscaler.device());
        DjlUpscaler model = upscaler;
        // AUTO becomes ALWAYS or OFF for this model, so a model that ignores masks gets no mask store
        WorkerConfig effective = config.withMasks(config.masks().resolvedFor(model.modelInputs()));
        try {
            RocksDbLibrary.load();
            streams = new KafkaStreams(SrTopology.build(effective, () -> new SharedUpscaler(model), metrics),
                    WorkerStreamsConfig.of(effective));
            StreamThreadFailurePolicy policy = new StreamThreadFailurePolicy();
            streams.setUncaughtExceptionHandler(e -> {
                StreamThreadExceptionResponse response = policy.respond(e);
                SrpException known = srpCause(e);
                if (response == StreamThreadExceptionResponse.REPLACE_THREAD) {
                    LOG.warn("SR worker stream thread failed on a broker error; replacing it, its tasks resume "
                            + "from their last commit", e);
                } else if (known != null) {
                    // srp's own errors say what went wrong and what to do; Streams' wrapping adds nothing
                    LOG.error("SR worker stream thread failed: {}", known.getMessage());
                } else {
                    LOG.error("SR worker stream thread failed", e);
                }
                if (response != StreamThreadExceptionResponse.REPLACE_THREAD) {
                    failure.compareAndSet(null, known != null ? known : e);
                }
                return response;
            });
            streams.setStateListener((now, before) -> {
                metrics.running(now == KafkaStreams.State.RUNNING);
                if (now == KafkaStreams.State.ERROR) {
                    failure.compareAndSet(null, new SrpException("SR worker stopped: Kafka Streams is in state "
                            + "ERROR", "see the log for the first stream-thread error"));
                }
            });
            streams.start();
            KafkaStreams running = streams;
            metrics.lagSource(() -> ConsumerLag.recordsBehind(running.metrics(), config.kafka().topics().framesLr()));
            LOG.info("SR worker {} started: {} -> {} with {} on {}, masks {}", config.applicationId(),
                    config.kafka().topics().framesLr(), config.kafka().topics().framesHr(), upscaler.name(),
                    upscaler.device(),
                    effective.masks().mode());
        } catch (RuntimeException e) {
            close();
            throw new SrpException("cannot start the SR worker against " + config.kafka().bootstrapServers() + ": "
                    + e.getMessage(), "check the Kafka settings and the state directory " + config.stateDir(), e);
        }
    }

    private static SrpException srpCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SrpException s) {
                return s;
            }
        }
        return null;
    }

    /** "cpu" or "gpu", as the loaded model runs; "none" before {@link #start()}. */
    public synchronized String device() {
        return upscaler == null ? "none" : upscaler.device();
    }

    /** The error that stopped the worker, if one did; empty while it runs or after a clean close. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure.get());
    }

    /** Kafka Streams' state, for health checks; CREATED before {@link #start()}. */
    public KafkaStreams.State state() {
        KafkaStreams s = streams;
        return s == null ? KafkaStreams.State.CREATED : s.state();
    }

    @Override
    public synchronized void close() {
        if (streams != null) {
            // leave the group: a stopped worker's shots (and their cached masks) move to a live worker at once,
            // instead of after the session timeout
            streams.close(CloseOptions.timeout(CLOSE_TIMEOUT)
                    .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
            streams = null;
        }
        if (upscaler != null) {
            upscaler.close();
            upscaler = null;
        }
    }
}
