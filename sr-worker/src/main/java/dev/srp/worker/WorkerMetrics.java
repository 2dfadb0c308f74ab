package dev.srp.worker;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.Gauge;
import io.prometheus.client.Histogram;

/** Every metric the SR worker exports; names carry the srp_worker_ prefix, base units, bounded labels. */
public final class WorkerMetrics {
    /** Dead-letter reason: the record was not a decodable frame message. */
    public static final String REASON_MALFORMED = "malformed";

    private final Counter framesIn;
    private final Counter framesOut;
    private final Histogram inferenceSeconds;
    private final Histogram inferenceBatchSize;
    private final Histogram frameLatencySeconds;
    private final Counter deadLetters;
    private final Gauge modelInfo;

    public WorkerMetrics(CollectorRegistry registry) {
        framesIn = Counter.build("srp_worker_frames_in_total", "LR frames received (end markers excluded)")
                .register(registry);
        framesOut = Counter.build("srp_worker_frames_out_total", "HR frames written (end markers excluded)")
                .register(registry);
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
        deadLetters = Counter.build("srp_worker_dead_letter_total", "Records sent to the dead-letter topic")
                .labelNames("reason")
                .register(registry);
        modelInfo = Gauge.build("srp_worker_model_info", "The loaded model and where it runs (always 1)")
                .labelNames("model", "device")
                .register(registry);
    }

    void frameIn() {
        framesIn.inc();
    }

    void frameOut(double latencySeconds) {
        framesOut.inc();
        frameLatencySeconds.observe(Math.max(0, latencySeconds));
    }

    void inference(int batchSize, double seconds) {
        inferenceBatchSize.observe(batchSize);
        inferenceSeconds.observe(seconds);
    }

    void deadLetter(String reason) {
        deadLetters.labels(reason).inc();
    }

    /** Marks the model a worker serves with; public so a launcher that loads the model itself can report it. */
    public void modelLoaded(String model, String device) {
        modelInfo.labels(model, device).set(1);
    }
}
