package dev.srp.egress;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Remembers, per partition, the earliest record of each stream whose output is not finished yet. Committing
 * those offsets (instead of the consumer's position) is what makes output exactly once: an egress that dies
 * re-reads every unfinished stream from its first record and rewrites it from scratch, and finished streams are
 * behind the committed offset or skipped because their file exists.
 */
final class OffsetLedger {
    private final Map<TopicPartition, Map<String, Long>> firstOffsets = new HashMap<>();

    void note(TopicPartition partition, long offset, String streamId) {
        firstOffsets.computeIfAbsent(partition, p -> new HashMap<>()).merge(streamId, offset, Math::min);
    }

    /** The stream is finished (or given up): its records no longer hold offsets back. */
    void release(String streamId) {
        for (Map<String, Long> streams : firstOffsets.values()) {
            streams.remove(streamId);
        }
    }

    void clear() {
        firstOffsets.clear();
    }

    /**
     * For each partition, the earliest offset of an unfinished stream, or {@code position} when none is waiting.
     */
    Map<TopicPartition, OffsetAndMetadata> safeOffsets(Collection<TopicPartition> partitions,
                                                       ToLongFunction<TopicPartition> position) {
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        for (TopicPartition p : partitions) {
            Map<String, Long> streams = firstOffsets.getOrDefault(p, Map.of());
            long offset = streams.values().stream().mapToLong(Long::longValue).min()
                    .orElseGet(() -> position.applyAsLong(p));
            out.put(p, new OffsetAndMetadata(offset));
        }
        return out;
    }
}
