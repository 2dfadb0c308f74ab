package dev.srp.launcher;

import dev.srp.contract.KafkaConnection;
import dev.srp.contract.KafkaSecurity;
import dev.srp.contract.MessageLimits;
import dev.srp.contract.Topics;
import picocli.CommandLine.Option;

/** Options shared by every command that talks to Kafka. */
final class KafkaOptions {
    @Option(names = "--bootstrap", required = true, paramLabel = "HOST:PORT") String bootstrap;
    @Option(names = "--topic-prefix", defaultValue = Topics.DEFAULT_PREFIX) String topicPrefix;
    @Option(names = "--partitions", defaultValue = "4") int partitions;
    @Option(names = "--max-record-bytes", defaultValue = "" + MessageLimits.DEFAULT_MAX_RECORD_BYTES)
    int maxRecordBytes;
    @Option(names = "--replication-factor", defaultValue = "1") short replicationFactor;
    @Option(names = "--kafka-config", paramLabel = "FILE") java.nio.file.Path kafkaConfig;

    /** Read once: ensureTopics and the service's own clients both need it. */
    private KafkaSecurity security;

    /** Creates the srp topics if they do not exist yet. */
    void ensureTopics() {
        connection().ensureTopics(partitions, replicationFactor);
    }

    /** Where and how the service's Kafka clients connect, from these options. */
    KafkaConnection connection() {
        return new KafkaConnection(bootstrap, topics(), limits(), security());
    }

    KafkaSecurity security() {
        if (security == null) {
            security = kafkaConfig == null ? KafkaSecurity.NONE : KafkaSecurity.load(kafkaConfig);
        }
        return security;
    }

    Topics topics() {
        return Topics.withPrefix(topicPrefix);
    }

    MessageLimits limits() {
        return new MessageLimits(maxRecordBytes);
    }
}
