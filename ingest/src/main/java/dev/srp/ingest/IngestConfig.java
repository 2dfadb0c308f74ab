package dev.srp.ingest;

import dev.srp.contract.KafkaConnection;
import java.time.Duration;
import java.util.Objects;

/**
 * What one ingest run reads and where it publishes.
 *
 * @param input            a file path, or a file:, http(s)://, rtsp://, udp:// or srt:// URL
 * @param streamId         names the stream in every message; also derives the Kafka transactional id
 * @param kafka            where frames are published: bootstrap servers, topics, size limits, TLS/SASL settings
 * @param openTimeout      how long opening (or reading) the source and reaching Kafka may block before failing
 * @param allowTruncated   publish what decodes from a truncated file (with a warning) instead of failing
 * @param shots            how shots are cut into mask-refresh segments
 * @param reconnectFor     how long a dropped network source is retried before its stream ends; zero: never
 */
public record IngestConfig(String input, String streamId, KafkaConnection kafka, Duration openTimeout,
                           boolean allowTruncated, ShotConfig shots, Duration reconnectFor) {
    private static final int MAX_STREAM_ID_CHARS = 200;
    /** Long enough to ride out a camera reboot or a network blip; a person notices a longer outage anyway. */
    public static final Duration DEFAULT_RECONNECT_FOR = Duration.ofMinutes(5);

    public IngestConfig {
        Objects.requireNonNull(kafka, "ingest config: kafka");
        Objects.requireNonNull(openTimeout, "ingest config: openTimeout");
        Objects.requireNonNull(shots, "ingest config: shots");
        Objects.requireNonNull(reconnectFor, "ingest config: reconnectFor");
        if (reconnectFor.isNegative() || reconnectFor.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("ingest config: reconnectFor must be between 0 (never reconnect) and "
                    + "1 day, got " + reconnectFor);
        }
        if (input == null || input.isBlank()) {
            throw new IllegalArgumentException("ingest config: input must name a file or URL");
        }
        InputLocation.parse(input);
        if (streamId == null || streamId.isBlank() || streamId.length() > MAX_STREAM_ID_CHARS
                || !streamId.strip().equals(streamId)) {
            throw new IllegalArgumentException("ingest config: streamId must be 1-" + MAX_STREAM_ID_CHARS
                    + " characters without leading or trailing spaces, got '" + streamId + "'");
        }
        if (streamId.contains("/") || streamId.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("ingest config: streamId must not contain '/' or control characters"
                    + " (Kafka keys are stream/shot), got '" + streamId + "'");
        }
        if (openTimeout.isNegative() || openTimeout.isZero() || openTimeout.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("ingest config: openTimeout must be between 1 ms and 1 h, got "
                    + openTimeout);
        }
    }

    /** With the default segmenting ({@link ShotConfig#defaults()}) and reconnect window. */
    public IngestConfig(String input, String streamId, KafkaConnection kafka, Duration openTimeout,
                        boolean allowTruncated) {
        this(input, streamId, kafka, openTimeout, allowTruncated, ShotConfig.defaults(), DEFAULT_RECONNECT_FOR);
    }

    /** The transactional id: one per stream, so a restarted ingest of the same stream fences the old one. */
    String transactionalId() {
        return "srp-ingest-" + streamId;
    }
}
