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

    /** The source frames, written with the codec chosen for every topic ({@link FrameSerde#defaultCodec()}). */
    public Topic<FrameMessage> lrFrames() {
        return new Topic<>(framesLr, FrameSerde.defaultCodec());
    }

    /** The upscaled frames as egress reads them (any payload codec reads). */
    public Topic<FrameMessage> hrFrames() {
        return new Topic<>(framesHr, FrameSerde.defaultCodec());
    }

    /** The upscaled frames as a worker writes them, packed with {@code codec} (docs/payload-encoding.md). */
    public Topic<FrameMessage> hrFrames(PayloadCodec codec) {
        return new Topic<>(framesHr, new FrameSerde(codec));
    }

    /** The source audio. */
    public Topic<AudioChunk> audioChunks() {
        return new Topic<>(audio, new AudioChunkSerde());
    }
}
