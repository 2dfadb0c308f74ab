package dev.srp.contract;

/**
 * The topic names one srp deployment uses. A prefix lets several deployments share a cluster.
 *
 * @param framesLr   decoded source frames, ingest -> sr-worker, keyed by stream/shot
 * @param framesHr   upscaled frames, sr-worker -> egress, same keys
 * @param audio      source audio, ingest -> egress, keyed by stream
 * @param deadLetter records no service could decode, with the reason in a header
 * @param ingestProgress how far ingest has published each stream, keyed by stream id (compacted), written in the
 *                   same transaction as the frames so a restarted ingest resumes exactly where the last one stopped
 */
public record Topics(String framesLr, String framesHr, String audio, String deadLetter, String ingestProgress) {
    public static final String DEFAULT_PREFIX = "srp.";
    /** Header on dead-lettered records naming why they were rejected. */
    public static final String DEAD_LETTER_REASON_HEADER = "srp.reason";
    /** Header on dead-lettered records naming the topic they came from. */
    public static final String DEAD_LETTER_SOURCE_HEADER = "srp.source-topic";

    public static Topics withPrefix(String prefix) {
        return new Topics(prefix + "frames.lr", prefix + "frames.hr", prefix + "audio", prefix + "deadletter",
                prefix + "ingest.progress");
    }

    public static Topics defaults() {
        return withPrefix(DEFAULT_PREFIX);
    }
}
