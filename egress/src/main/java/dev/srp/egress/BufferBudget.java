package dev.srp.egress;

/**
 * The memory allowance shared by every stream's reorder buffer: one slow stream may use it all, but together
 * they never hold more than {@code maxBytes} of serialised frames in memory. Used by the consumer thread only.
 */
final class BufferBudget {
    private final long maxBytes;
    private long usedBytes;

    BufferBudget(long maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("budget must be positive, got " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /** Takes {@code bytes} from the budget if they fit. */
    boolean tryReserve(long bytes) {
        if (usedBytes + bytes > maxBytes) {
            return false;
        }
        usedBytes += bytes;
        return true;
    }

    void release(long bytes) {
        usedBytes -= bytes;
        if (usedBytes < 0) {
            throw new IllegalStateException("released more than was reserved");
        }
    }

    long usedBytes() {
        return usedBytes;
    }
}
