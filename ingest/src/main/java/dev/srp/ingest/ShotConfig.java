package dev.srp.ingest;

import java.time.Duration;
import java.util.Objects;

/**
 * How ingest cuts a stream into mask-refresh segments, on top of the shot cuts it detects.
 *
 * @param driftThreshold share of the picture (0-1) that may change against the segment's key frame (its first
 *                       frame) before a new segment starts; changes are measured on brightness-normalised
 *                       lumas, so a fade or an exposure change does not count
 * @param minSegment     a drift refresh waits at least this long after the segment began, so a fast pan does not
 *                       recompute masks on every frame
 * @param maxSegment     a segment never runs longer than this, so a static camera still gets fresh masks
 */
public record ShotConfig(double driftThreshold, Duration minSegment, Duration maxSegment) {
    public static final double DEFAULT_DRIFT = 0.35;
    public static final Duration DEFAULT_MIN_SEGMENT = Duration.ofSeconds(1);
    public static final Duration DEFAULT_MAX_SEGMENT = Duration.ofSeconds(10);

    public ShotConfig {
        Objects.requireNonNull(minSegment, "shot config: minSegment");
        Objects.requireNonNull(maxSegment, "shot config: maxSegment");
        if (!(driftThreshold > 0 && driftThreshold <= 1)) {
            throw new IllegalArgumentException("shot config: driftThreshold must be in (0, 1], got "
                    + driftThreshold);
        }
        if (minSegment.isNegative()) {
            throw new IllegalArgumentException("shot config: minSegment must not be negative, got " + minSegment);
        }
        if (maxSegment.compareTo(minSegment) <= 0 || maxSegment.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("shot config: maxSegment must be longer than minSegment ("
                    + minSegment + ") and at most 1 h, got " + maxSegment);
        }
    }

    public static ShotConfig defaults() {
        return new ShotConfig(DEFAULT_DRIFT, DEFAULT_MIN_SEGMENT, DEFAULT_MAX_SEGMENT);
    }

    /** A duration in whole frames at {@code fps}, at least one. */
    static int frames(Duration d, double fps) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.round(d.toNanos() / 1e9 * fps)));
    }
}
