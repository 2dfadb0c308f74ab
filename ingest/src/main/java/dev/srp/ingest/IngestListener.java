package dev.srp.ingest;

import dev.srp.contract.FrameMessage;

/**
 * Progress callbacks from {@link Ingest#run}, on the ingest thread. They run outside any open transaction, so a
 * callback may block to hold ingest back (flow control); it then delays decoding, nothing else.
 */
public interface IngestListener {
    /** The source is open and its properties are known; nothing is published yet. */
    default void onOpened(SourceInfo info) {
    }

    /**
     * {@code frame}, numbered and with its shot id, goes into the current transaction (a benchmark keeps the frames
     * the pipeline's model gets this way); {@link #onFramePublished} says when it is committed.
     */
    default void onFrameSent(FrameMessage frame) {
    }

    /** Frame {@code frameIndex} is committed to Kafka and visible to read-committed consumers. */
    default void onFramePublished(long frameIndex) {
    }
}
