/**
 * The ingest service: decodes one video file or URL with FFmpeg (JavaCV), splits it into shots and mask-refresh
 * segments ({@link dev.srp.ingest.ContentShotDetector}, docs/shot-detection.md), and publishes
 * frames to the low-resolution frame topic and audio to the audio topic in Kafka transactions, ending each with
 * an end-of-stream marker. {@link dev.srp.ingest.Ingest} is the entry point.
 *
 * <p>Live sources are read until they end or stall past the open timeout; live reconnection is not handled yet,
 * so a dropped live source ends the ingest with an error.
 */
package dev.srp.ingest;
