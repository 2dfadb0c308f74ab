package dev.srp.worker;

import io.prometheus.client.Collector;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.Gauge;
import io.prometheus.client.GaugeMetricFamily;
import io.prometheus.client.Histogram;
import java.util.List;
import java.util.function.DoubleSupplier;

/** Every metric the SR worker exports; names carry the srp_worker_ prefix, base units, bounded labels. */
public final class WorkerMetrics {
    private volatile DoubleSupplier lagSource = () -> 0;
    /** Dead-letter reason: the record was not a decodable frame message. */
    public static final String REASON_MALFORMED = "malformed";
    // mask-cache eviction reasons: a later shot or the stream's end marker passed, the shot went quiet, the task
    // held too many shots
    static final String EVICTION_SHOT_ENDED = "shot_ended";
    static final String EVICTION_TTL = "ttl";
    static final String EVICTION_CAPACITY = "capacity";
    /** Frames the model returned invalid, by {@link InvalidOutput#label()}. */
    public static final String INVALID_OUTPUTS = "srp_worker_invalid_outputs_total";
    public static final String MASK_COMPUTATIONS = "srp_worker_mask_computations_total";
    public static final String MASK_CACHE_HITS = "srp_worker_mask_cache_hits_total";
    public static final String MASK_CACHE_MISSES = "srp_worker_mask_cache_misses_total";
    /** A histogram: its samples are this name with _sum, _count and _bucket. */
    public static final String MASK_COMPUTE_SECONDS = "srp_worker_mask_compute_seconds";
    public static final String MASKS_PER_SHOT = "srp_worker_masks_per_shot";
    public static final String MASK_ENTRY_BYTES = "srp_worker_mask_entry_bytes";

    private final Counter framesIn;
    private final Counter framesOut;
    private final Histogram inferenceSeconds;
    private final Histogram inferenceBatchSize;
    private final Histogram frameLatencySeconds;
    private final Histogram inputAgeSeconds;
    private final Counter deadLetters;
    private final Counter deadlineMisses;
    private final Counter modelFailures;
    private final Counter invalidOutputs;
    private final Gauge modelInfo;
    private final Counter maskComputations;
    private final Counter maskCacheHits;
    private final Counter maskCacheMisses;
    private final Histogram maskComputeSeconds;
    private final Histogram masksPerShot;
    private final Gauge maskCacheEntries;
    private final Counter maskCacheEvictions;
    private final Histogram maskEntryBytes;
    private final Gauge running;
    private final Counter streamFrames;
    private final Counter streamShedFrames;
    private final dev.srp.contract.StreamLabels streams = new dev.srp.contract.StreamLabels();
    /** A stream with no frame here for this long gives its label back (its end marker may go to another worker). */
    static final long STREAM_IDLE_MILLIS = 10 * 60_000L;

    public WorkerMetrics(CollectorRegistry registry) {
        running = Gauge.build("srp_worker_running",
                "1 while Kafka Streams runs with its partitions assigned (ready for frames), else 0.")
                .register(registry);
        framesIn = Counter.build("srp_worker_frames_in_total", "LR frames received (end markers excluded)")
                .register(registry);
        framesOut = Counter.build("srp_worker_frames_out_total", "HR frames written (end markers excluded)")
                .register(registry);
        streamFrames = Counter.build("srp_worker_stream_frames_total",
                "HR frames written, per stream (the first 64 open streams by id, others as \"other\").")
                .labelNames("stream").register(registry);
        streamShedFrames = Counter.build("srp_worker_stream_shed_frames_total",
                "Frames sent on bicubic because they were past the latency budget, per stream (as above).")
                .labelNames("stream").register(registry);
        inferenceSeconds = Histogram.build("srp_worker_inference_seconds", "Model time per batch, "
                        + "including tensor conversion")
                .buckets(0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
                .register(registry);
        inferenceBatchSize = Histogram.build("srp_worker_inference_batch_size", "Frames per inference call")
                .buckets(1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 64, 128, 256)
                .register(registry);
        frameLatencySeconds = Histogram.build("srp_worker_frame_latency_seconds",
                        "Wall time from an LR frame's arrival at the worker to its HR frame being written")
                .buckets(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
                .register(registry);
        inputAgeSeconds = Histogram.build("srp_worker_input_age_seconds",
                        "Age of an LR frame when the worker takes it, since ingest published it: the wait in Kafka "
                        + "and in the worker's input queue, which the latency budget is measured against")
                .buckets(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30, 60, 120)
                .register(registry);
        deadlineMisses = Counter.build("srp_worker_deadline_misses_total",
                "Frames older than the latency budget when their turn came, upscaled bicubically instead of by the "
                        + "model").register(registry);
        modelFailures = Counter.build("srp_worker_model_failures_total",
                "Frames whose model call threw in live mode (--latency-budget) and went out bicubic instead")
                .register(registry);
        invalidOutputs = Counter.build(INVALID_OUTPUTS,
                        "Frames the model returned with non-finite values or flat while their input was not, sent out "
                                + "bicubic instead, by reason (non_finite, constant)")
                .labelNames("reason")
                .register(registry);
        deadLetters = Counter.build("srp_worker_dead_letter_total", "Records sent to the dead-letter topic")
                .labelNames("reason")
                .register(registry);
        modelInfo = Gauge.build("srp_worker_model_info",
                        "The loaded model, its file's SHA-256 and where it runs (always 1)")
                .labelNames("model", "sha256", "device")
                .register(registry);
        maskComputations = Counter.build(MASK_COMPUTATIONS,
                        "Shots segmented into masks (a restored or cached shot is not segmented again)")
                .register(registry);
        maskCacheHits = Counter.build(MASK_CACHE_HITS,
                        "Frames whose shot's masks were already in the mask store")
                .register(registry);
        maskCacheMisses = Counter.build(MASK_CACHE_MISSES,
                        "Frames whose shot had no masks stored yet, so they were computed")
                .register(registry);
        maskComputeSeconds = Histogram.build(MASK_COMPUTE_SECONDS, "Mask generator time per shot")
                .buckets(0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
                .register(registry);
        masksPerShot = Histogram.build(MASKS_PER_SHOT, "Masks the generator produced for a shot")
                .buckets(0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512)
                .register(registry);
        maskCacheEntries = Gauge.build("srp_worker_mask_cache_entries", "Shots held in this worker's mask stores")
                .register(registry);
        maskCacheEvictions = Counter.build("srp_worker_mask_cache_evictions_total",
                        "Shots deleted from the mask store, by reason (shot_ended, ttl, capacity)")
                .labelNames("reason")
                .register(registry);
        maskEntryBytes = Histogram.build(MASK_ENTRY_BYTES,
                        "Size of one shot's entry in the mask store (masks, seed, key frame, last use)")
                .buckets(256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304)
                .register(registry);
        // Every label value exists from the start, so dashboards and alerts see 0 rather than no data.
        deadLetters.labels(REASON_MALFORMED);
        for (InvalidOutput reason : InvalidOutput.values()) {
            invalidOutputs.labels(reason.label());
        }
        for (String reason : new String[] {EVICTION_SHOT_ENDED, EVICTION_TTL, EVICTION_CAPACITY}) {
            maskCacheEvictions.labels(reason);
        }
        registry.register(new Collector() {
            @Override
            public List<MetricFamilySamples> collect() {
                return List.of(new GaugeMetricFamily("srp_worker_consumer_lag_records",
                        "Source frame records published but not yet read by this worker's Kafka Streams consumer",
                        lagSource.getAsDouble()));
            }
        });
    }

    /** Where the consumer-lag gauge reads from at each scrape; set once Kafka Streams runs. */
    void lagSource(DoubleSupplier source) {
        lagSource = source;
    }

    void frameIn(double ageSeconds) {
        framesIn.inc();
        inputAgeSeconds.observe(Math.max(0, ageSeconds));
    }

    void frameOut(String streamId, double latencySeconds) {
        framesOut.inc();
        frameLatencySeconds.observe(Math.max(0, latencySeconds));
        String stream = streams.labelFor(streamId);
        streamFrames.labels(stream).inc();
        streamShedFrames.labels(stream); // 0 until a frame is shed, rather than no series
    }

    /** The stream's end marker passed, or (checked after each batch) a stream went idle: its series go. */
    void streamEnded(String streamId) {
        streams.release(streamId).ifPresent(this::removeStream);
    }

    void releaseIdleStreams() {
        streams.releaseIdle(System.currentTimeMillis(), STREAM_IDLE_MILLIS).forEach(this::removeStream);
    }

    private void removeStream(String label) {
        streamFrames.remove(label);
        streamShedFrames.remove(label);
    }

    void modelFailed(int frames) {
        modelFailures.inc(frames);
    }

    void invalidOutput(InvalidOutput reason) {
        invalidOutputs.labels(reason.label()).inc();
    }

    void deadlineMissed(String streamId) {
        deadlineMisses.inc();
        streamShedFrames.labels(streams.labelFor(streamId)).inc();
    }

    void inference(int batchSize, double seconds) {
        inferenceBatchSize.observe(batchSize);
        inferenceSeconds.observe(seconds);
    }

    void deadLetter(String reason) {
        deadLetters.labels(reason).inc();
    }

    void maskComputation(double seconds, int masks) {
        maskComputations.inc();
        maskComputeSeconds.observe(seconds);
        masksPerShot.observe(masks);
    }

    void maskEntryStored(int bytes) {
        maskEntryBytes.observe(bytes);
    }

    void maskCacheHit() {
        maskCacheHits.inc();
    }

    void maskCacheMiss() {
        maskCacheMisses.inc();
    }

    /** @param delta shots added (positive) or removed (negative) */
    void maskCacheEntries(int delta) {
        maskCacheEntries.inc(delta);
    }

    void maskCacheEviction(String reason) {
        maskCacheEvictions.labels(reason).inc();
    }

    /** Marks the model a worker serves with; public so a launcher that loads the model itself can report it. */
    public void modelLoaded(String model, String sha256, String device) {
        modelInfo.labels(model, sha256, device).set(1);
    }

    /** Kafka Streams entered {@code RUNNING} (true) or left it: a rebalance, a shutdown, an error. */
    void running(boolean isRunning) {
        running.set(isRunning ? 1 : 0);
    }
}
