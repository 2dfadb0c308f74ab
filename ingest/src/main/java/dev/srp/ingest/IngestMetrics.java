package dev.srp.ingest;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.Gauge;
import io.prometheus.client.Histogram;
import java.util.Locale;

/**
 * Every metric the ingest service exports. Labels are bounded: never a shot or frame id, and a stream id only
 * through {@link dev.srp.contract.StreamLabels} (the first 64 streams by id, any more as "other").
 */
public final class IngestMetrics {
    /** Why an ingest failed; a fixed set so the errors counter stays small. */
    public enum Reason {
        INPUT_MISSING, INPUT_UNREADABLE, NO_VIDEO, TRUNCATED, SOURCE_UNREACHABLE, SOURCE_LOST, KAFKA, OTHER;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Counter frames;
    private final Counter audioChunks;
    private final Counter shots;
    private final Counter refreshSegments;
    private final Counter payloadBytes;
    private final Counter errors;
    private final Histogram decodeSeconds;
    private final Counter sourceDrops;
    private final Counter reconnects;
    private final Gauge reconnecting;
    private final dev.srp.contract.StreamLabels streams = new dev.srp.contract.StreamLabels();
    private final Histogram publishSeconds;

    public IngestMetrics(CollectorRegistry registry) {
        frames = Counter.build("srp_ingest_frames_total", "Video frames published.").register(registry);
        audioChunks = Counter.build("srp_ingest_audio_chunks_total", "Audio chunks published.").register(registry);
        shots = Counter.build("srp_ingest_shots_total", "Shots detected (each stream's first shot counts).")
                .register(registry);
        refreshSegments = Counter.build("srp_ingest_refresh_segments_total",
                "Mask-refresh segments started inside a shot (picture drifted from the key frame, or max length).")
                .register(registry);
        payloadBytes = Counter.build("srp_ingest_payload_bytes_total",
                "Serialised frame and audio record values sent to Kafka.").register(registry);
        errors = Counter.build("srp_ingest_errors_total", "Ingest runs that failed, by reason.")
                .labelNames("reason").register(registry);
        // Every label value exists from the start, so dashboards and alerts see 0 rather than no data.
        for (Reason reason : Reason.values()) {
            errors.labels(reason.label());
        }
        sourceDrops = Counter.build("srp_ingest_source_drops_total",
                "Times a live source stopped sending (read timeout, error or end of data) and ingest began reconnecting.")
                .labelNames("stream").register(registry);
        reconnects = Counter.build("srp_ingest_reconnects_total",
                "Times a dropped live source came back and its stream went on (with a new shot).")
                .labelNames("stream").register(registry);
        reconnecting = Gauge.build("srp_ingest_source_reconnecting",
                "1 while a live source is away and ingest is reconnecting to it, else 0.")
                .labelNames("stream").register(registry);
        decodeSeconds = Histogram.build("srp_ingest_decode_seconds", "Time to decode one video frame.")
                .buckets(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1).register(registry);
        publishSeconds = Histogram.build("srp_ingest_publish_seconds", "Time to commit one Kafka transaction.")
                .buckets(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5).register(registry);
    }

    /** Counted at commit, so frames of an aborted transaction are not counted. */
    void framesPublished(int count, long valueBytes) {
        frames.inc(count);
        payloadBytes.inc(valueBytes);
    }

    void audioChunksPublished(int count, long valueBytes) {
        audioChunks.inc(count);
        payloadBytes.inc(valueBytes);
    }

    void shotStarted() {
        shots.inc();
    }

    void refreshSegmentStarted() {
        refreshSegments.inc();
    }

    /** A stream's source is open: its camera series exist from now on, at 0, for dashboards and alerts. */
    void sourceOpened(String streamId) {
        String stream = streams.labelFor(streamId);
        sourceDrops.labels(stream);
        reconnects.labels(stream);
        reconnecting.labels(stream).set(0);
    }

    void sourceDropped(String streamId) {
        String stream = streams.labelFor(streamId);
        sourceDrops.labels(stream).inc();
        reconnecting.labels(stream).set(1);
    }

    void sourceResumed(String streamId) {
        String stream = streams.labelFor(streamId);
        reconnects.labels(stream).inc();
        reconnecting.labels(stream).set(0);
    }

    /** Reconnecting gave up (or the stream ended while away): the source is no longer being waited for. */
    void sourceGone(String streamId) {
        reconnecting.labels(streams.labelFor(streamId)).set(0);
    }

    void frameDecoded(double seconds) {
        decodeSeconds.observe(seconds);
    }

    void transactionCommitted(double seconds) {
        publishSeconds.observe(seconds);
    }

    void failed(Reason reason) {
        errors.labels(reason.label()).inc();
    }
}
