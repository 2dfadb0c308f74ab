package dev.srp.contract;

import java.util.HashMap;
import java.util.Map;

/**
 * The one place every Kafka size limit comes from. Broker, topic, producer and consumer limits must agree or
 * large frames fail in confusing ways (the producer's max.request.size caps the uncompressed batch), so every
 * service derives them from {@code maxRecordBytes} here.
 *
 * @param maxRecordBytes the largest serialised record any srp topic must carry
 */
public record MessageLimits(int maxRecordBytes) {
    /** Room for a raw 3840x2160 RGB frame (24.9 MB) plus its header. */
    public static final int DEFAULT_MAX_RECORD_BYTES = 32 * 1024 * 1024;
    private static final int MIN_RECORD_BYTES = 1024 * 1024;

    public MessageLimits {
        if (maxRecordBytes < MIN_RECORD_BYTES || maxRecordBytes > 512 * 1024 * 1024) {
            throw new IllegalArgumentException("max record bytes must be between 1 MiB and 512 MiB, got "
                    + maxRecordBytes);
        }
    }

    public static MessageLimits defaults() {
        return new MessageLimits(DEFAULT_MAX_RECORD_BYTES);
    }

    /** Largest raw RGB24 frame that fits, with header room: for the check before an upscale starts. */
    public boolean fitsRawFrame(int width, int height) {
        return (long) width * height * 3 + 4096 <= maxRecordBytes;
    }

    private int batchBytes() {
        return maxRecordBytes + 64 * 1024;
    }

    /** For a broker's server.properties. */
    public Map<String, String> brokerConfig() {
        Map<String, String> m = new HashMap<>();
        m.put("message.max.bytes", Integer.toString(batchBytes()));
        m.put("replica.fetch.max.bytes", Integer.toString(batchBytes()));
        m.put("replica.fetch.response.max.bytes", Integer.toString(2 * batchBytes()));
        m.put("socket.request.max.bytes", Integer.toString(Math.max(100 * 1024 * 1024, 2 * batchBytes())));
        return m;
    }

    /** For every srp topic's configuration. */
    public Map<String, String> topicConfig() {
        return Map.of("max.message.bytes", Integer.toString(batchBytes()));
    }

    public Map<String, Object> producerConfig() {
        Map<String, Object> m = new HashMap<>();
        m.put("max.request.size", batchBytes());
        m.put("buffer.memory", (long) Math.max(64L * 1024 * 1024, 3L * batchBytes()));
        return m;
    }

    public Map<String, Object> consumerConfig() {
        Map<String, Object> m = new HashMap<>();
        m.put("max.partition.fetch.bytes", batchBytes());
        m.put("fetch.max.bytes", 2 * batchBytes());
        return m;
    }
}
