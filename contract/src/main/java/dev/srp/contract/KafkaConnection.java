package dev.srp.contract;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * How a service reaches srp's Kafka: the bootstrap servers, the topic names, the size limits every client and topic
 * shares, and the TLS/SASL settings. Every service configuration holds one, so the four travel together and each
 * Kafka client of every service is configured the same way, here.
 *
 * @param bootstrapServers Kafka bootstrap servers, host:port[,host:port...]
 * @param topics           the srp topics (a prefix lets several deployments share a cluster)
 * @param limits           the Kafka size limits shared by every srp client and topic
 * @param security         TLS/SASL settings passed to every Kafka client
 */
public record KafkaConnection(String bootstrapServers, Topics topics, MessageLimits limits, KafkaSecurity security) {
    public KafkaConnection {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("kafka connection: bootstrapServers must not be blank (pass the Kafka "
                    + "bootstrap servers, e.g. localhost:9092)");
        }
        Objects.requireNonNull(topics, "kafka connection: topics");
        Objects.requireNonNull(limits, "kafka connection: limits");
        Objects.requireNonNull(security, "kafka connection: security");
    }

    /** A connection without TLS/SASL settings. */
    public static KafkaConnection to(String bootstrapServers, Topics topics, MessageLimits limits) {
        return new KafkaConnection(bootstrapServers, topics, limits, KafkaSecurity.NONE);
    }

    /** This connection with other TLS/SASL settings. */
    public KafkaConnection withSecurity(KafkaSecurity newSecurity) {
        return new KafkaConnection(bootstrapServers, topics, limits, newSecurity);
    }

    /** A producer's settings: size limits, address and security; the caller adds its own (transactions, ids). */
    public Map<String, Object> producerConfig() {
        return client(limits.producerConfig());
    }

    /** A consumer's settings: size limits, address and security; the caller adds its own (group, isolation). */
    public Map<String, Object> consumerConfig() {
        return client(limits.consumerConfig());
    }

    /** An admin client's settings: address and security. */
    public Map<String, Object> adminConfig() {
        return client(Map.of());
    }

    /** Creates the srp topics that do not exist yet ({@link TopicSetup}). */
    public void ensureTopics(int partitions, short replicationFactor) {
        TopicSetup.ensure(bootstrapServers, topics, partitions, limits, replicationFactor, security);
    }

    private Map<String, Object> client(Map<String, Object> base) {
        Map<String, Object> config = new HashMap<>(base);
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return security.applyTo(config);
    }
}
