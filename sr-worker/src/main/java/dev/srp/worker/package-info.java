/**
 * The SR worker: a Kafka Streams application that reads low-resolution frames, batches them in a changelogged
 * store, upscales each batch with a TorchScript model through DJL and writes the high-resolution frames with the
 * same keys, exactly once.
 */
package dev.srp.worker;
