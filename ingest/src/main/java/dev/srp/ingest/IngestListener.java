package dev.srp.ingest;

/**
 * Progress callbacks from {@link Ingest#run}, on the ingest thread. They run outside any open transaction, so a
 * callback may block to hold ingest back (flow control); it then delays decoding, nothing else.
 */
public interface IngestListener {
    /** The source is open and its properties are known; nothing is published yet. */
    default void onOpened(SourceInfo info) {
    }

    /** Frame {@code frameIndex} is committed to Kafka and visible to read-committed consumers. */
    default void onFramePublished(long frameIndex) {
    }
}
