/**
 * The ingest service: decodes one video file or URL with FFmpeg (JavaCV), splits it into shots and mask-refresh
 * segments ({@link dev.srp.ingest.ContentShotDetector}, docs/shot-detection.md), and publishes
 * frames to the low-resolution frame topic and audio to the audio topic in Kafka transactions, ending each with
 * an end-of-stream marker. {@link dev.srp.ingest.Ingest} is the entry point.
 *
 * <p>Live sources are read until they end; one that drops or stalls past the open timeout is reopened with
 * backoff for the configured reconnect time ({@link dev.srp.ingest.ReconnectingSource}) and its stream goes on
 * with a new shot. A restarted ingest resumes its stream from the progress it committed to Kafka.
 */
package dev.srp.ingest;
