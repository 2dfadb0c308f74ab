package dev.srp.egress;

import dev.srp.contract.AudioChunk;
import dev.srp.contract.ConsumerLag;
import dev.srp.contract.FrameMessage;
import dev.srp.contract.MalformedMessageException;
import dev.srp.contract.SrpException;
import dev.srp.contract.Topic;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer loop: routes each record to its stream's {@link StreamAssembly}, dead-letters what it cannot use,
 * and commits only offsets that no unfinished stream still needs. Runs on one thread, which owns every field.
 */
final class EgressLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(EgressLoop.class);
    private static final Duration POLL = Duration.ofMillis(100);

    private final EgressConfig config;
    private final EgressMetrics metrics;
    private final EgressListener listener;
    private final Consumer<String, byte[]> consumer;
    private final DeadLetterSink deadLetters;
    private final Topic<FrameMessage> frames;
    private final Topic<AudioChunk> audio;
    private final BufferBudget budget;
    private final OffsetLedger ledger = new OffsetLedger();
    private final Map<String, StreamAssembly> active = new HashMap<>();
    private final Set<String> done = new HashSet<>();
    private Map<TopicPartition, OffsetAndMetadata> lastCommitted = Map.of();
    private final Map<TopicPartition, Long> readPositions = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean running = true;

    EgressLoop(EgressConfig config, EgressMetrics metrics, EgressListener listener, Consumer<String, byte[]> consumer,
               DeadLetterSink deadLetters) {
        this.config = config;
        this.frames = config.kafka().topics().hrFrames();
        this.audio = config.kafka().topics().audioChunks();
        this.metrics = metrics;
        this.listener = listener;
        this.consumer = consumer;
        this.deadLetters = deadLetters;
        this.budget = new BufferBudget(config.maxBufferedBytes());
    }

    /** Per partition, the offset after the last record this loop has taken in (written, buffered or spilled). */
    Map<TopicPartition, Long> readPositions() {
        return Map.copyOf(readPositions);
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(config.kafka().topics().framesHr(), config.kafka().topics().audio()),
                    new Rebalance());
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    handle(record);
                }
                advanceLiveStreams();
                deadLetters.flush();
                commit();
                metrics.reorderBuffer(active.values().stream().mapToLong(StreamAssembly::bufferedFrames).sum(),
                        budget.usedBytes());
                metrics.consumerLag(ConsumerLag.recordsBehind(consumer.metrics(),
                        config.kafka().topics().framesHr()));
            }
            deadLetters.flush();
            commit();
            abortAll(null);
        } catch (RuntimeException e) {
            running = false;
            LOG.error("egress stopped: {}", e.toString(), e);
            abortAll(e instanceof SrpException s ? s : new SrpException("egress stopped: " + e,
                    "check the Kafka cluster at " + config.kafka().bootstrapServers() + " and restart egress", e));
        } finally {
            consumer.close();
            deadLetters.close();
        }
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        readPositions.merge(new TopicPartition(record.topic(), record.partition()), record.offset() + 1, Math::max);
        if (record.value() == null) {
            deadLetters.send(record, DeadLetterReason.FOREIGN);
            return;
        }
        boolean isFrame = record.topic().equals(config.kafka().topics().framesHr());
        FrameMessage frame = null;
        AudioChunk chunk = null;
        try {
            if (isFrame) {
                frame = frames.deserialize(record.value());
            } else {
                chunk = audio.deserialize(record.value());
            }
        } catch (MalformedMessageException e) {
            LOG.warn("dead-lettering record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            deadLetters.send(record, DeadLetterReason.MALFORMED);
            return;
        }
        String streamId = isFrame ? frame.streamId() : chunk.streamId();
        StreamAssembly stream = streamFor(streamId, new TopicPartition(record.topic(), record.partition()),
                record.offset());
        if (stream == null) {
            return;
        }
        try {
            if (isFrame && stream.onFrame(frame, record.value(), record.timestamp()) == StreamAssembly.FrameOutcome.FOREIGN) {
                deadLetters.send(record, DeadLetterReason.FOREIGN);
            } else if (!isFrame) {
                stream.onAudio(chunk);
            }
            Optional<EgressResult> result = stream.advance();
            result.ifPresent(r -> finished(stream, r));
        } catch (SrpException e) {
            failed(stream, e);
        }
    }

    /** Live streams skip a missing frame after a timeout, which must pass even when no record arrives. */
    private void advanceLiveStreams() {
        for (StreamAssembly stream : new ArrayList<>(active.values())) {
            if (stream.live()) {
                try {
                    stream.advance().ifPresent(r -> finished(stream, r));
                } catch (SrpException e) {
                    failed(stream, e);
                }
            }
        }
    }

    /** The stream's assembly, or null when its records are to be skipped because its output is already done. */
    private StreamAssembly streamFor(String streamId, TopicPartition partition, long offset) {
        if (done.contains(streamId)) {
            return null;
        }
        StreamAssembly stream = active.get(streamId);
        if (stream == null) {
            String output = config.outputFor(streamId);
            if (!EgressConfig.isPushed(output) && OutputStamp.isFinishedOutputOf(Path.of(output), streamId)) {
                LOG.info("stream {}: {} is already its finished output, skipping its records", streamId, output);
                done.add(streamId);
                return null;
            }
            stream = new StreamAssembly(streamId, output, config, budget, metrics, listener);
            active.put(streamId, stream);
        }
        ledger.note(partition, offset, streamId);
        return stream;
    }

    private void finished(StreamAssembly stream, EgressResult result) {
        retire(stream);
        stream.close();
        metrics.streamFinished(true);
        long skipped = stream.skippedFrames();
        LOG.info("stream {}: wrote {} frames to {}", result.streamId(), result.frames() - skipped,
                result.shownOutput());
        if (skipped > 0) {
            LOG.warn("stream {}: {} of its {} frames never arrived and were skipped", result.streamId(), skipped,
                    result.frames());
        }
        listener.onStreamFinished(result);
    }

    private void failed(StreamAssembly stream, SrpException error) {
        retire(stream);
        stream.abort();
        metrics.streamFinished(false);
        LOG.error("stream {}: {}", stream.streamId(), error.oneLine());
        listener.onStreamFailed(stream.streamId(), error);
    }

    private void retire(StreamAssembly stream) {
        metrics.streamClosed(stream.streamId());
        active.remove(stream.streamId());
        done.add(stream.streamId());
        ledger.release(stream.streamId());
    }

    /**
     * Drops every unfinished stream. With {@code error} null (shutdown, rebalance) they are simply re-read later
     * from the committed offsets; otherwise the listener hears that they failed.
     */
    private void abortAll(SrpException error) {
        for (StreamAssembly stream : new ArrayList<>(active.values())) {
            stream.abort();
            metrics.streamClosed(stream.streamId());
            if (error != null) {
                metrics.streamFinished(false);
                listener.onStreamFailed(stream.streamId(), error);
            }
        }
        active.clear();
        ledger.clear();
        metrics.reorderBuffer(0, budget.usedBytes());
    }

    private void commit() {
        Map<TopicPartition, OffsetAndMetadata> offsets = safeOffsets(consumer.assignment());
        if (!offsets.isEmpty() && !offsets.equals(lastCommitted)) {
            consumer.commitSync(offsets);
            lastCommitted = offsets;
        }
    }

    private Map<TopicPartition, OffsetAndMetadata> safeOffsets(Collection<TopicPartition> partitions) {
        return ledger.safeOffsets(partitions, p -> consumer.position(p, Duration.ofSeconds(30)));
    }

    /** A stream's partitions may move to another instance, so its half-built output cannot be trusted. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // when stopping, run() has committed already and the ledger is gone: committing now would skip streams
            if (running && !partitions.isEmpty()) {
                deadLetters.flush();
                consumer.commitSync(safeOffsets(partitions));
            }
            abortAll(null);
            lastCommitted = Map.of();
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            // eager assignment: every position comes from the committed offsets
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            abortAll(null);
            lastCommitted = Map.of();
        }
    }
}
