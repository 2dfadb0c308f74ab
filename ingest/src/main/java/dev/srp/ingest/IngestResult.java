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
 */
public record IngestResult(long frames, long shots, long refreshSegments, long audioChunks, SourceInfo source) {
}
