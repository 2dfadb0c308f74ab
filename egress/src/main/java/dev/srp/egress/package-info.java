/**
 * The egress service: consumes upscaled frames and source audio from Kafka, puts each stream's frames back in
 * order, drops duplicates and writes one finished video file per stream, exactly once.
 */
package dev.srp.egress;
