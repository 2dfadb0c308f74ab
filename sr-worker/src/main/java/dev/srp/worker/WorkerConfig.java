package dev.srp.worker;

import dev.srp.contract.KafkaConnection;
import dev.srp.contract.PayloadCodec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything one SR worker needs, checked once here so a bad value fails at start-up with its name.
 *
 * @param kafka            bootstrap servers, topics, the size limits every client and internal topic uses, and the
 *                         TLS/SASL settings of every Kafka client of the worker
 * @param applicationId    Kafka Streams application id: the consumer group every worker replica shares
 * @param modelPath        TorchScript file with its .properties sidecar beside it
 * @param scale            upscaling factor the caller expects; the model's sidecar must agree
 * @param batchSize        frames per inference call (a batch runs as soon as this many are pending)
 * @param batchLinger      longest wait before a partial batch runs anyway
 * @param stateDir         Kafka Streams state directory
 * @param streamThreads    Kafka Streams threads (each runs inference for its own tasks)
 * @param inferenceThreads intra-op threads of the model engine
 * @param hrPayload        how upscaled frames are packed on srp.frames.hr (docs/payload-encoding.md)
 * @param masks            per-shot mask computation and caching (docs/mask-cache.md)
 * @param latencyBudget    live mode: a frame older than this (since ingest published it) when its batch runs is
 *                         upscaled bicubically instead of by the model, so a live stream keeps its pace; zero: off
 */
public record WorkerConfig(KafkaConnection kafka, String applicationId, Path modelPath, int scale, int batchSize,
                           Duration batchLinger, Path stateDir, int streamThreads, int inferenceThreads,
                           PayloadCodec hrPayload, MaskSettings masks, Duration latencyBudget) {
    static final int MAX_BATCH_SIZE = 256;
    static final Duration MAX_LINGER = Duration.ofSeconds(10);
    /** Long enough to fill a batch from frames already fetched, short enough not to be felt on a live feed. */
    public static final Duration DEFAULT_BATCH_LINGER = Duration.ofMillis(20);

    public WorkerConfig {
        Objects.requireNonNull(kafka, "kafka");
        Objects.requireNonNull(modelPath, "modelPath");
        Objects.requireNonNull(batchLinger, "batchLinger");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(hrPayload, "hrPayload");
        Objects.requireNonNull(masks, "masks");
        Objects.requireNonNull(latencyBudget, "latencyBudget");
        if (latencyBudget.isNegative() || latencyBudget.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("latencyBudget must be between 0 (off) and 1 h, got " + latencyBudget);
        }
        if (applicationId == null || applicationId.isBlank()) {
            throw new IllegalArgumentException("applicationId must not be blank");
        }
        if (scale < 1 || scale > 8) {
            throw new IllegalArgumentException("scale must be between 1 and 8, got " + scale);
        }
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("batchSize must be between 1 and " + MAX_BATCH_SIZE + ", got "
                    + batchSize);
        }
        // a zero linger would make the wall-clock punctuator spin; a long one stalls live streams
        if (batchLinger.isNegative() || batchLinger.toMillis() < 1 || batchLinger.compareTo(MAX_LINGER) > 0) {
            throw new IllegalArgumentException("batchLinger must be between 1 ms and " + MAX_LINGER.toSeconds()
                    + " s, got " + batchLinger);
        }
        if (streamThreads < 1 || streamThreads > 64) {
            throw new IllegalArgumentException("streamThreads must be between 1 and 64, got " + streamThreads);
        }
        if (inferenceThreads < 1 || inferenceThreads > 256) {
            throw new IllegalArgumentException("inferenceThreads must be between 1 and 256, got "
                    + inferenceThreads);
        }
        // a shot whose frames wait a whole linger for their batch must not expire in between
        if (masks.ttl().compareTo(batchLinger.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("masks ttl must be at least twice batchLinger (" + batchLinger
                    + "), got " + masks.ttl());
        }
    }

    /** A worker without a latency budget (every frame goes through the model, however late). */
    public WorkerConfig(KafkaConnection kafka, String applicationId, Path modelPath, int scale, int batchSize,
                        Duration batchLinger, Path stateDir, int streamThreads, int inferenceThreads,
                        PayloadCodec hrPayload, MaskSettings masks) {
        this(kafka, applicationId, modelPath, scale, batchSize, batchLinger, stateDir, streamThreads,
                inferenceThreads, hrPayload, masks, Duration.ZERO);
    }

    /** A worker with the default mask settings ({@link MaskSettings#defaults()}: AUTO). */
    public WorkerConfig(KafkaConnection kafka, String applicationId, Path modelPath, int scale, int batchSize,
                        Duration batchLinger, Path stateDir, int streamThreads, int inferenceThreads,
                        PayloadCodec hrPayload) {
        this(kafka, applicationId, modelPath, scale, batchSize, batchLinger, stateDir, streamThreads,
                inferenceThreads, hrPayload, MaskSettings.defaults());
    }

    /** This configuration with other mask settings. */
    public WorkerConfig withMasks(MaskSettings newMasks) {
        return new WorkerConfig(kafka, applicationId, modelPath, scale, batchSize, batchLinger, stateDir,
                streamThreads, inferenceThreads, hrPayload, newMasks, latencyBudget);
    }

    /** This configuration with a latency budget (live mode). */
    public WorkerConfig withLatencyBudget(Duration budget) {
        return new WorkerConfig(kafka, applicationId, modelPath, scale, batchSize, batchLinger, stateDir,
                streamThreads, inferenceThreads, hrPayload, masks, budget);
    }
}
