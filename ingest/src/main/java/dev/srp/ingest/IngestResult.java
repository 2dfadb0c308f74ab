package dev.srp.ingest;

/**
 * What one finished ingest published.
 *
 * @param frames      video frames published (the end marker's frame count)
 * @param shots       shots detected (the first shot and one per cut)
 * @param refreshSegments mask-refresh segments started inside shots; each takes a new shot id, so the stream used
 *                    {@code shots + refreshSegments} shot ids
 * @param audioChunks audio chunks published (the end-of-audio marker's count)
 * @param source      what the source declared when opened
 * @param resumedAtFrame frames an earlier ingest of the same stream had already committed, which this run did not
 *                    publish again (0 for a new stream)
 * @param alreadyComplete the stream had been published completely before; this run published nothing
 */
public record IngestResult(long frames, long shots, long refreshSegments, long audioChunks, SourceInfo source,
                           long resumedAtFrame, boolean alreadyComplete) {
    /** A stream an earlier ingest finished: nothing is published again. */
    static IngestResult alreadyComplete(StreamProgress done, SourceInfo source) {
        return new IngestResult(done.nextFrame(), 0, 0, done.nextAudioChunk(), source, done.nextFrame(), true);
    }
}
