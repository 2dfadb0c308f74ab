package dev.srp.ingest;

/**
 * What one finished ingest published.
 *
 * @param frames      video frames published (the end marker's frame count)
 * @param shots       shots detected
 * @param audioChunks audio chunks published (the end-of-audio marker's count)
 * @param source      what the source declared when opened
 */
public record IngestResult(long frames, long shots, long audioChunks, SourceInfo source) {
}
