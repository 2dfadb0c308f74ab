package dev.srp.egress;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.Gauge;
import io.prometheus.client.Histogram;

/**
 * Every egress metric name lives here. Labels are bounded: outcome and reason; a stream id only on the per-stream
 * series, which exist while the stream is open and go when it ends, for at most 64 open streams by id (any more
 * are summed as "other", {@link dev.srp.contract.StreamLabels}).
 */
public final class EgressMetrics {
    static final String OUTCOME_OK = "ok";
    static final String OUTCOME_FAILED = "failed";

    private final Counter frames;
    private final Counter duplicates;
    private final Histogram encodeSeconds;
    private final Gauge bufferFrames;
    private final Gauge bufferBytes;
    private final Counter spilled;
    private final Counter streamsFinished;
    private final Counter deadLetters;
    private final Counter audioChunks;
    private final Counter pushReconnects;
    private final Counter skipped;
    private final Counter late;
    private final Histogram endToEndSeconds;
    private final Gauge lag;
    private final Counter streamFrames;
    private final Counter streamSkipped;
    private final dev.srp.contract.StreamLabels streams = new dev.srp.contract.StreamLabels();
    private final Gauge streamLatency;

    public EgressMetrics(CollectorRegistry registry) {
        frames = Counter.build("srp_egress_frames_total", "Video frames written to an encoder.")
                .register(registry);
        duplicates = Counter.build("srp_egress_duplicate_frames_total",
                "Frame records dropped because the frame was already written or buffered.").register(registry);
        encodeSeconds = Histogram.build("srp_egress_encode_seconds", "Time to decode and encode one frame.")
                .buckets(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5).register(registry);
        bufferFrames = Gauge.build("srp_egress_reorder_buffer_frames",
                "Out-of-order frames waiting for their turn, in memory or spilled.").register(registry);
        bufferBytes = Gauge.build("srp_egress_reorder_buffer_bytes",
                "Serialised bytes of out-of-order frames held in memory.").register(registry);
        spilled = Counter.build("srp_egress_spilled_frames_total",
                "Out-of-order frames written to the spill directory because the memory budget was full.")
                .register(registry);
        streamsFinished = Counter.build("srp_egress_streams_finished_total", "Streams ended, by outcome.")
                .labelNames("outcome").register(registry);
        deadLetters = Counter.build("srp_egress_dead_letter_total", "Records sent to the dead-letter topic.")
                .labelNames("reason").register(registry);
        audioChunks = Counter.build("srp_egress_audio_chunks_total", "Audio chunks muxed into outputs.")
                .register(registry);
        pushReconnects = Counter.build("srp_egress_push_reconnects_total",
                "Times a pushed (RTMP/RTSP) output lost its server and connected again.").register(registry);
        skipped = Counter.build("srp_egress_skipped_frames_total",
                "Frames a live output went on without, after waiting the live gap timeout for them.")
                .register(registry);
        late = Counter.build("srp_egress_late_frames_total",
                "Frames that arrived after their live output had gone on without them; dropped.").register(registry);
        endToEndSeconds = Histogram.build("srp_egress_end_to_end_latency_seconds",
                "From ingest publishing a decoded frame to egress encoding its upscaled frame.")
                .buckets(0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1, 1.5, 2, 3, 4, 8, 15, 30, 60, 120)
                .register(registry);
        // Every label value exists from the start, so dashboards and alerts see 0 rather than no data.
        streamsFinished.labels(OUTCOME_OK);
        streamsFinished.labels(OUTCOME_FAILED);
        for (DeadLetterReason reason : DeadLetterReason.values()) {
            deadLetters.labels(reason.label());
        }
        streamFrames = Counter.build("srp_egress_stream_frames_total",
                "Video frames written, per open stream.").labelNames("stream").register(registry);
        streamSkipped = Counter.build("srp_egress_stream_skipped_frames_total",
                "Live frames that never arrived and were skipped, per open stream.").labelNames("stream")
                .register(registry);
        streamLatency = Gauge.build("srp_egress_stream_latency_seconds",
                "End-to-end latency of the last frame written, per open stream: the camera that falls behind.")
                .labelNames("stream").register(registry);
        lag = Gauge.build("srp_egress_consumer_lag_records",
                "Upscaled frame records published but not yet read by this egress.").register(registry);
    }

    void consumerLag(double records) {
        lag.set(records);
    }

    void frameWritten(String streamId, double encodeSeconds, double endToEndSeconds) {
        frames.inc();
        this.encodeSeconds.observe(encodeSeconds);
        this.endToEndSeconds.observe(endToEndSeconds);
        String stream = streams.labelFor(streamId);
        streamFrames.labels(stream).inc();
        streamLatency.labels(stream).set(endToEndSeconds);
        streamSkipped.labels(stream); // 0 until a frame is skipped, rather than no series
    }

    /** The stream is closed (finished, failed or dropped until it is read again): its series go. */
    void streamClosed(String streamId) {
        streams.release(streamId).ifPresent(stream -> {
            streamFrames.remove(stream);
            streamLatency.remove(stream);
            streamSkipped.remove(stream);
        });
    }

    void duplicateDropped() {
        duplicates.inc();
    }

    void frameSpilled() {
        spilled.inc();
    }

    void reorderBuffer(long frames, long bytes) {
        bufferFrames.set(frames);
        bufferBytes.set(bytes);
    }

    void streamFinished(boolean ok) {
        streamsFinished.labels(ok ? OUTCOME_OK : OUTCOME_FAILED).inc();
    }

    void deadLettered(DeadLetterReason reason) {
        deadLetters.labels(reason.label()).inc();
    }

    void audioChunkWritten() {
        audioChunks.inc();
    }

    void pushReconnected() {
        pushReconnects.inc();
    }

    void framesSkipped(String streamId, long frames) {
        skipped.inc(frames);
        streamSkipped.labels(streams.labelFor(streamId)).inc(frames);
    }

    void lateFrameDropped() {
        late.inc();
    }
}
