package dev.srp.worker;

import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;

/** Turns a {@link WorkerConfig} into the Properties Kafka Streams demands; the only place Properties appear. */
final class WorkerStreamsConfig {
    private WorkerStreamsConfig() {
    }

    static Properties of(WorkerConfig config) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        config.security().applyTo(p); // un-prefixed: Streams hands them to every client it creates
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toAbsolutePath().toString());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.streamThreads());
        // every limit from MessageLimits, for every client Streams creates and for its internal topics
        putAll(p, config.limits().producerConfig(), StreamsConfig::producerPrefix);
        putAll(p, config.limits().consumerConfig(), StreamsConfig::mainConsumerPrefix);
        putAll(p, config.limits().consumerConfig(), StreamsConfig::restoreConsumerPrefix);
        putAll(p, config.limits().consumerConfig(), StreamsConfig::globalConsumerPrefix);
        putAll(p, config.limits().topicConfig(), StreamsConfig::topicPrefix);
        // frames are large and each poll's records are processed before the next poll: a few batches at most
        p.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG),
                Math.max(4, 2 * config.batchSize()));
        return p;
    }

    private static void putAll(Properties p, Map<String, ?> values, Function<String, String> prefix) {
        values.forEach((key, value) -> p.put(prefix.apply(key), value));
    }
}
