package dev.srp.worker;

import dev.srp.contract.MessageLimits;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The per-shot mask cache: shot key ({@code stream/shot-N}) to {@link MaskCacheEntry}. Persistent (RocksDB), so a
 * worker with many long-lived streams does not hold every shot's masks on the heap, and changelogged, so a
 * restarted or reassigned task restores the masks instead of segmenting the shot again.
 */
final class MaskStore {
    static final String NAME = "srp-worker-masks";

    private MaskStore() {
    }

    /** Caching off: every put and delete reaches the changelog in the transaction of the frame that caused it. */
    static StoreBuilder<KeyValueStore<String, MaskCacheEntry>> builder(MessageLimits limits) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(NAME), Serdes.String(),
                        MaskCacheEntry.serde())
                .withLoggingEnabled(limits.topicConfig())
                .withCachingDisabled();
    }
}
