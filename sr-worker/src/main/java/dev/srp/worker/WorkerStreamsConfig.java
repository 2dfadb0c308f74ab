package dev.srp.worker;

import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;

/** Turns a {@link WorkerConfig} into the Properties Kafka Streams demands; the only place Properties appear. */
final class WorkerStreamsConfig {
    /** Bytes the worker's consumer fetches per partition at a time: a few LR frames at 320x180. */
    static final int INPUT_FETCH_BYTES = 1 << 20;

    private WorkerStreamsConfig() {
    }

    static Properties of(WorkerConfig config) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrapServers());
        config.kafka().security().applyTo(p); // un-prefixed: Streams hands them to every client it creates
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toAbsolutePath().toString());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.streamThreads());
        p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, RocksDbStoreOptions.class);
        // every limit from MessageLimits, for every client Streams creates and for its internal topics
        putAll(p, config.kafka().limits().producerConfig(), StreamsConfig::producerPrefix);
        putAll(p, config.kafka().limits().consumerConfig(), StreamsConfig::mainConsumerPrefix);
        putAll(p, config.kafka().limits().consumerConfig(), StreamsConfig::restoreConsumerPrefix);
        putAll(p, config.kafka().limits().consumerConfig(), StreamsConfig::globalConsumerPrefix);
        putAll(p, config.kafka().limits().topicConfig(), StreamsConfig::topicPrefix);
        // frames are large and each poll's records are processed before the next poll: a few batches at most
        p.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), inputQueueRecords(config));
        // Streams' own input queue, per partition, likewise: by default it takes 1000 records, which is gigabytes
        // of large frames and hides a worker that falls behind from the consumer-lag gauge (the records would sit
        // read but not upscaled). Kept this small, lag counts what waits for the model and memory stays bounded.
        p.put(StreamsConfig.BUFFERED_RECORDS_PER_PARTITION_CONFIG, inputQueueRecords(config));
        // ...and the consumer's own fetch buffer below that queue. With MessageLimits' 64 MiB per partition, a
        // worker that fell behind fetched thousands of LR frames at once, and the lag gauge (Kafka's records-lag)
        // counts only up to the end offset of a partition's last fetch, which is not renewed while the fetched
        // records drain: it read 688 with the worker 3,000 frames behind. A frame bigger than this still comes,
        // alone (a fetch always returns its first batch).
        p.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG), INPUT_FETCH_BYTES);
        return p;
    }

    /** Frames Streams queues per input partition before it stops fetching: two inference batches. */
    static int inputQueueRecords(WorkerConfig config) {
        return Math.max(4, 2 * config.batchSize());
    }

    private static void putAll(Properties p, Map<String, ?> values, Function<String, String> prefix) {
        values.forEach((key, value) -> p.put(prefix.apply(key), value));
    }
}
