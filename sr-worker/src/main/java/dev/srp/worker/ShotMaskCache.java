package dev.srp.worker;

import dev.srp.contract.FrameMessage;
import dev.srp.worker.masks.MaskGenerator;
import dev.srp.worker.masks.MaskSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One stream task's view of the mask store: the first frame of a shot segments it and stores the masks with the
 * shot's noise seed; later frames reuse them. An in-memory index (shot key to stream, shot and last use) is rebuilt
 * from the store when the task starts, so eviction never scans the masks themselves.
 *
 * <p>Eviction: a shot has ended once a later shot of its stream or its stream's end marker reaches this task
 * (frames of a partition arrive in order). Ended shots are deleted only when the task has no frame pending, so a
 * crash between eviction and batch can never leave a restored pending frame without its masks. Shots that went
 * quiet are dropped by TTL, and the least recently used shot goes when the task holds {@code maxEntries}.
 */
final class ShotMaskCache implements AutoCloseable {
    /** The masks and noise seed a frame's model call gets. */
    record ShotMasks(MaskSet masks, long noiseSeed) {
    }

    private record Indexed(String streamId, long shotId, long lastUsedMillis, long storedLastUsedMillis) {
    }

    /** Decoded mask sets kept on the heap: the shots a batch can span, not every cached shot. */
    private static final int DECODED_SHOTS = 4;

    private final KeyValueStore<String, MaskCacheEntry> store;
    private final MaskGenerator generator;
    private final MaskSettings settings;
    private final WorkerMetrics metrics;
    private final Map<String, Indexed> index = new HashMap<>();
    private final Set<String> ended = new HashSet<>();
    private final Map<String, ShotMasks> decoded = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ShotMasks> eldest) {
            return size() > DECODED_SHOTS;
        }
    };
    /** When this task started here: a restored shot's TTL counts from then, not from its last use elsewhere. */
    private final long activeSinceMillis;

    ShotMaskCache(KeyValueStore<String, MaskCacheEntry> store, MaskGenerator generator, MaskSettings settings,
                  WorkerMetrics metrics, long nowMillis) {
        this.store = store;
        this.generator = generator;
        this.settings = settings;
        this.metrics = metrics;
        this.activeSinceMillis = nowMillis;
        Map<String, Long> latestShot = new HashMap<>();
        try (KeyValueIterator<String, MaskCacheEntry> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, MaskCacheEntry> kv = it.next();
                MaskCacheEntry e = kv.value;
                index.put(kv.key, new Indexed(e.streamId(), e.shotId(), e.lastUsedMillis(), e.lastUsedMillis()));
                latestShot.merge(e.streamId(), e.shotId(), Math::max);
            }
        }
        // restored shots followed by a later shot of their stream ended before the restart
        index.forEach((key, i) -> {
            if (i.shotId() < latestShot.get(i.streamId())) {
                ended.add(key);
            }
        });
        metrics.maskCacheEntries(index.size());
    }

    /** How often the TTL check runs: often enough to keep the TTL within a quarter, never busier than 1/s. */
    Duration sweepInterval() {
        long quarter = settings.ttl().toMillis() / 4;
        return Duration.ofMillis(Math.max(1_000, Math.min(quarter, 60_000)));
    }

    /**
     * The masks for {@code frame}'s shot: cached, or computed from this frame and stored. Also notes that every
     * earlier shot of the frame's stream has ended.
     */
    ShotMasks masksFor(FrameMessage frame, long nowMillis) {
        String key = frame.key();
        for (Map.Entry<String, Indexed> e : index.entrySet()) {
            Indexed i = e.getValue();
            if (i.streamId().equals(frame.streamId()) && i.shotId() < frame.shotId()) {
                ended.add(e.getKey());
            }
        }
        Indexed known = index.get(key);
        if (known == null) {
            metrics.maskCacheMiss();
            return compute(key, frame, nowMillis);
        }
        metrics.maskCacheHit();
        ShotMasks masks = decoded.get(key);
        MaskCacheEntry entry = null;
        if (masks == null) {
            entry = store.get(key);
            masks = new ShotMasks(MaskSet.decode(entry.masks()), entry.noiseSeed());
            decoded.put(key, masks);
        }
        // persisting every use would rewrite the masks into the changelog per frame; a coarse time is enough
        long stored = known.storedLastUsedMillis();
        if (nowMillis - stored >= sweepInterval().toMillis()) {
            entry = entry != null ? entry : store.get(key);
            store.put(key, entry.withLastUsed(nowMillis));
            stored = nowMillis;
        }
        index.put(key, new Indexed(known.streamId(), known.shotId(), nowMillis, stored));
        return masks;
    }

    private ShotMasks compute(String key, FrameMessage frame, long nowMillis) {
        long start = System.nanoTime();
        MaskSet masks = generator.generate(frame.pixels(), frame.width(), frame.height());
        metrics.maskComputation((System.nanoTime() - start) / 1e9, masks.count());
        long seed = ShotNoiseSeed.of(frame.streamId(), frame.shotId());
        while (index.size() >= settings.maxEntries()) {
            evict(leastRecentlyUsed(), WorkerMetrics.EVICTION_CAPACITY);
        }
        MaskCacheEntry entry = new MaskCacheEntry(frame.streamId(), frame.shotId(), frame.frameIndex(), seed,
                nowMillis, masks.count(), masks.encode());
        store.put(key, entry);
        metrics.maskEntryStored(entry.storedBytes() + key.length());
        index.put(key, new Indexed(frame.streamId(), frame.shotId(), nowMillis, nowMillis));
        metrics.maskCacheEntries(1);
        ShotMasks shot = new ShotMasks(masks, seed);
        decoded.put(key, shot);
        return shot;
    }

    private String leastRecentlyUsed() {
        String oldest = null;
        long oldestMillis = Long.MAX_VALUE;
        for (Map.Entry<String, Indexed> e : index.entrySet()) {
            if (e.getValue().lastUsedMillis() < oldestMillis) {
                oldest = e.getKey();
                oldestMillis = e.getValue().lastUsedMillis();
            }
        }
        return oldest;
    }

    /** The stream's end marker passed: all its shots have ended. */
    void streamEnded(String streamId) {
        index.forEach((key, i) -> {
            if (i.streamId().equals(streamId)) {
                ended.add(key);
            }
        });
    }

    /** Deletes the ended shots; call only when no frame of the task is pending. */
    void evictEnded() {
        for (String key : List.copyOf(ended)) {
            evict(key, WorkerMetrics.EVICTION_SHOT_ENDED);
        }
    }

    /** Deletes the shots no frame has used for the TTL. */
    void evictExpired(long nowMillis) {
        long ttl = settings.ttl().toMillis();
        List<String> expired = new ArrayList<>();
        index.forEach((key, i) -> {
            if (nowMillis - Math.max(i.lastUsedMillis(), activeSinceMillis) >= ttl) {
                expired.add(key);
            }
        });
        expired.forEach(key -> evict(key, WorkerMetrics.EVICTION_TTL));
    }

    private void evict(String key, String reason) {
        ended.remove(key);
        decoded.remove(key);
        if (index.remove(key) != null) {
            store.delete(key);
            metrics.maskCacheEntries(-1);
            metrics.maskCacheEviction(reason);
        }
    }

    /** Shots held, for tests. */
    int size() {
        return index.size();
    }

    /** The task moves away or stops: its entries leave this worker's gauge, and the store keeps them. */
    @Override
    public void close() {
        metrics.maskCacheEntries(-index.size());
        index.clear();
        decoded.clear();
        generator.close();
    }
}
