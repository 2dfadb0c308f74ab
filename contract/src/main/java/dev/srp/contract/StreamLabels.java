package dev.srp.contract;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stream ids as metric label values, bounded so that a deployment with many cameras, or a long-running one that has
 * seen many files, keeps a bounded number of series: the first {@code max} streams open at once are labelled with
 * their own id, any more share the label {@value #OTHER}. A stream's label is given back when it ends, or when it has
 * been idle for a while (a service that never sees a stream's end, such as a worker whose partitions do not carry its
 * end marker), freeing its place for the next stream.
 */
public final class StreamLabels {
    /** Enough for a rack of cameras per service; more open streams than this are summed under {@value #OTHER}. */
    public static final int DEFAULT_MAX = 64;
    public static final String OTHER = "other";

    private final int max;
    private final Map<String, String> open = new HashMap<>();
    private final Map<String, Long> lastSeenMillis = new HashMap<>();
    private int own;

    public StreamLabels() {
        this(DEFAULT_MAX);
    }

    public StreamLabels(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("max must not be negative, got " + max);
        }
        this.max = max;
    }

    /** The label for a stream: its id while fewer than {@code max} streams have their own, else {@value #OTHER}. */
    public String labelFor(String streamId) {
        return labelFor(streamId, System.currentTimeMillis());
    }

    public synchronized String labelFor(String streamId, long nowMillis) {
        lastSeenMillis.put(streamId, nowMillis);
        String label = open.get(streamId);
        if (label == null) {
            label = own < max && !OTHER.equals(streamId) ? streamId : OTHER;
            if (!label.equals(OTHER)) {
                own++;
            }
            open.put(streamId, label);
        }
        return label;
    }

    /**
     * The stream ended: its own label (returned, so the caller can remove its series) is free for another stream.
     * Empty when the stream shared {@value #OTHER} or was never labelled.
     */
    public synchronized Optional<String> release(String streamId) {
        String label = open.remove(streamId);
        lastSeenMillis.remove(streamId);
        if (label == null || label.equals(OTHER)) {
            return Optional.empty();
        }
        own--;
        return Optional.of(label);
    }

    /** Releases every stream not labelled for {@code idleMillis}; returns their own labels (series to remove). */
    public synchronized List<String> releaseIdle(long nowMillis, long idleMillis) {
        List<String> idle = new ArrayList<>();
        for (Iterator<Map.Entry<String, Long>> it = lastSeenMillis.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Long> e = it.next();
            if (nowMillis - e.getValue() >= idleMillis) {
                it.remove();
                String label = open.remove(e.getKey());
                if (label != null && !label.equals(OTHER)) {
                    own--;
                    idle.add(label);
                }
            }
        }
        return idle;
    }
}
