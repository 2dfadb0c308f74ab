package dev.srp.contract;

import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * Consumer lag from a Kafka client's own metrics: the sum over partitions of one topic of "records-lag" (records
 * between the consumer's position and the partition's end). Works for plain consumers and for Kafka Streams, whose
 * metrics include its consumers'.
 */
public final class ConsumerLag {
    private ConsumerLag() {
    }

    public static double recordsBehind(Map<MetricName, ? extends Metric> metrics, String topic) {
        double lag = 0;
        for (var e : metrics.entrySet()) {
            MetricName name = e.getKey();
            if ("records-lag".equals(name.name()) && "consumer-fetch-manager-metrics".equals(name.group())
                    && topic.equals(name.tags().get("topic"))
                    && !name.tags().getOrDefault("client-id", "").contains("restore-consumer")) {
                Object value = e.getValue().metricValue();
                if (value instanceof Number n && !Double.isNaN(n.doubleValue())) {
                    lag += n.doubleValue();
                }
            }
        }
        return lag;
    }
}
