package dev.srp.pipeline;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes frame records that the next stage no longer needs, so the embedded broker's disk holds the frames in flight
 * rather than the whole video: source frames below the worker group's committed offsets, upscaled frames below what
 * egress has taken in. Only for srp upscale, where every stage lives and dies in this one process.
 */
final class ConsumedRecordsJanitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumedRecordsJanitor.class);
    private static final long PERIOD_SECONDS = 5;

    private final Admin admin;
    private final String workerGroup;
    private final String sourceTopic;
    private final Supplier<Map<TopicPartition, Long>> egressPositions;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "srp-janitor");
        t.setDaemon(true);
        return t;
    });

    ConsumedRecordsJanitor(Admin admin, String workerGroup, String sourceTopic,
                           Supplier<Map<TopicPartition, Long>> egressPositions) {
        this.admin = admin;
        this.workerGroup = workerGroup;
        this.sourceTopic = sourceTopic;
        this.egressPositions = egressPositions;
        timer.scheduleWithFixedDelay(this::sweep, PERIOD_SECONDS, PERIOD_SECONDS, TimeUnit.SECONDS);
    }

    void sweep() {
        try {
            Map<TopicPartition, RecordsToDelete> delete = new HashMap<>();
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(workerGroup)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            committed.forEach((tp, offset) -> {
                if (offset != null && tp.topic().equals(sourceTopic)) {
                    delete.put(tp, RecordsToDelete.beforeOffset(offset.offset()));
                }
            });
            egressPositions.get().forEach((tp, offset) -> delete.put(tp, RecordsToDelete.beforeOffset(offset)));
            if (!delete.isEmpty()) {
                admin.deleteRecords(delete).all().get(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            // Best effort: a missed sweep only means the next one deletes more.
            LOG.debug("record cleanup skipped: {}", e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        admin.close();
    }
}
