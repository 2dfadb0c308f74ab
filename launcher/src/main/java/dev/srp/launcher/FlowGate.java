package dev.srp.launcher;

/**
 * Keeps ingest at most {@code window} frames ahead of egress within one process. Decoding is far faster than
 * upscaling, so without this a long file would be decoded into Kafka (and egress's reorder buffer) long before
 * the worker gets to it; with it, disk and memory stay bounded by the window.
 */
final class FlowGate {
    private final long window;
    private long written;
    private boolean open;

    FlowGate(long window) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be positive, got " + window);
        }
        this.window = window;
    }

    /** Called by ingest after frame {@code frameIndex} is published; blocks while it is too far ahead. */
    synchronized void published(long frameIndex) {
        while (!open && frameIndex + 1 - written > window) {
            try {
                wait(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    synchronized void written(long frames) {
        written = Math.max(written, frames);
        notifyAll();
    }

    /** Lets ingest run freely from now on, e.g. when the run is failing and ingest must not hang. */
    synchronized void open() {
        open = true;
        notifyAll();
    }
}
