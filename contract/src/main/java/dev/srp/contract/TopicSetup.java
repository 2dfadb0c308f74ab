package dev.srp.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the srp topics on any cluster, each with the record size limit from {@link MessageLimits}; topics that
 * exist are left as they are. The audio topic has one partition: a stream's audio must stay in order. The ingest
 * progress topic is small (one record per stream once compacted): one partition, compacted, never deleted by age.
 */
public final class TopicSetup {
    private TopicSetup() {
    }

    public static void ensure(String bootstrap, Topics topics, int partitions, MessageLimits limits,
                              short replicationFactor) {
        ensure(bootstrap, topics, partitions, limits, replicationFactor, KafkaSecurity.NONE);
    }

    public static void ensure(String bootstrap, Topics topics, int partitions, MessageLimits limits,
                              short replicationFactor, KafkaSecurity security) {
        Map<String, Object> adminConfig = new java.util.HashMap<>();
        adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(security.applyTo(adminConfig))) {
            List<NewTopic> wanted = new ArrayList<>(Stream.of(topics.framesLr(), topics.framesHr(),
                            topics.audio(), topics.deadLetter())
                    .map(name -> new NewTopic(name, name.equals(topics.audio()) ? 1 : partitions, replicationFactor)
                            .configs(limits.topicConfig()))
                    .toList());
            wanted.add(new NewTopic(topics.ingestProgress(), 1, replicationFactor)
                    .configs(Map.of("cleanup.policy", "compact")));
            for (var entry : admin.createTopics(wanted).values().entrySet()) {
                try {
                    entry.getValue().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new SrpException("cannot create topic " + entry.getKey() + " on " + bootstrap + ": "
                                + e.getCause().getMessage(), "check the brokers and the replication factor", e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SrpException("interrupted while creating topics", null, e);
        } catch (TimeoutException e) {
            throw new SrpException("timed out creating topics on " + bootstrap,
                    "check that the Kafka bootstrap servers are reachable", e);
        }
    }
}
