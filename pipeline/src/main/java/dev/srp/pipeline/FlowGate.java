package dev.srp.pipeline;

/**
 * Keeps ingest at most {@code window} frames ahead of egress within one process. Decoding is far faster than
 * upscaling, so without this a long file would be decoded into Kafka (and egress's reorder buffer) long before
 * the worker gets to it; with it, disk and memory stay bounded by the window.
 */
final class FlowGate {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FlowGate.class);
    private static final long STALL_NANOS = 60_000_000_000L;
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
        long waitedSince = System.nanoTime();
        long writtenThen = written;
        while (!open && frameIndex + 1 - written > window) {
            if (written != writtenThen) {
                waitedSince = System.nanoTime();
                writtenThen = written;
            } else if (System.nanoTime() - waitedSince > STALL_NANOS) {
                // Egress has written nothing for a long time: it may be waiting for frames ingest has not sent yet.
                // Slower with unbounded disk beats a hang, so let ingest go on.
                LOG.warn("egress wrote nothing for {} s; letting ingest run ahead", STALL_NANOS / 1_000_000_000L);
                open = true;
                return;
            }
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
