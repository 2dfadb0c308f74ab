package dev.srp.worker;

import dev.srp.contract.MessageLimits;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The store of LR frames waiting for a batch, keyed by arrival sequence number. It is changelogged: store
 * writes commit in the same transaction as the input offsets, so a crash between a frame's arrival and its
 * batch loses nothing and repeats nothing. In memory, because it never holds more than about one batch.
 */
final class PendingFramesStore {
    static final String NAME = "srp-worker-pending-frames";

    private PendingFramesStore() {
    }

    /**
     * Big-endian longs sort bytewise in numeric order, so iterating the store yields frames in arrival order.
     * The changelog carries LR frames, so it gets the same size limit as every srp topic.
     */
    static StoreBuilder<KeyValueStore<Long, PendingFrame>> builder(MessageLimits limits) {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(NAME), Serdes.Long(), PendingFrame.serde())
                .withLoggingEnabled(limits.topicConfig())
                .withCachingDisabled();
    }
}
