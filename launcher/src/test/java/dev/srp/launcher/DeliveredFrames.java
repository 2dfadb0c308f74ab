package dev.srp.launcher;

import dev.srp.contract.AudioChunk;
import dev.srp.contract.AudioChunkSerde;
import dev.srp.contract.FrameMessage;
import dev.srp.contract.FrameSerde;
import dev.srp.contract.MessageLimits;
import dev.srp.media.FfmpegLog;
import dev.srp.media.RgbFrames;
import dev.srp.testsupport.FrameIndexPattern;
import dev.srp.testsupport.TopicReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/** The frame indexes a stage delivered: read back from the pixels of a video, or from a topic's records. */
final class DeliveredFrames {
    private DeliveredFrames() {
    }

    /** The index painted into each frame of {@code video}, in presentation order; the pattern is scaled by {@code scale}. */
    static List<Integer> inVideo(Path video, int scale) throws Exception {
        FfmpegLog.errorsOnly();
        List<Integer> indexes = new ArrayList<>();
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(video.toFile())) {
            g.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
            g.start();
            for (Frame f; (f = g.grabImage()) != null; ) {
                indexes.add(FrameIndexPattern.read(RgbFrames.copyRgb(f), f.imageWidth, scale));
            }
        }
        return indexes;
    }

    /**
     * The frame indexes of {@code streamId} that a read-committed consumer sees on {@code topic}, partition by
     * partition: what downstream can ever receive, so a frame of an aborted transaction does not count, and a frame
     * committed twice counts twice (egress would hide that by dropping the second copy).
     */
    static List<Integer> committedOnTopic(String bootstrap, MessageLimits limits, String topic, String streamId) {
        return onTopic(bootstrap, limits, topic, frameIndexOf(topic, streamId), IsolationLevel.READ_COMMITTED);
    }

    /** The audio chunk sequence numbers of {@code streamId} a read-committed consumer sees on {@code topic}. */
    static List<Integer> committedAudioChunks(String bootstrap, MessageLimits limits, String topic,
                                              String streamId) {
        AudioChunkSerde serde = new AudioChunkSerde();
        return onTopic(bootstrap, limits, topic, value -> {
            AudioChunk c = serde.deserialize(topic, value);
            return c.streamId().equals(streamId) && !c.isEnd() ? Math.toIntExact(c.sequence()) : null;
        }, IsolationLevel.READ_COMMITTED);
    }

    /** Like {@link #committedOnTopic}, but with the frames of aborted and still open transactions too. */
    static List<Integer> writtenToTopic(String bootstrap, MessageLimits limits, String topic, String streamId) {
        return onTopic(bootstrap, limits, topic, frameIndexOf(topic, streamId), IsolationLevel.READ_UNCOMMITTED);
    }

    /** The frames of {@code streamId} (end marker included) a read-committed consumer sees on {@code topic}. */
    static List<FrameMessage> committedMessages(String bootstrap, MessageLimits limits, String topic,
                                                String streamId) {
        FrameSerde serde = FrameSerde.defaultCodec();
        return onTopic(bootstrap, limits, topic, value -> {
            FrameMessage m = serde.deserialize(topic, value);
            return m.streamId().equals(streamId) ? m : null;
        }, IsolationLevel.READ_COMMITTED);
    }

    /** A frame record's index when it is a frame of {@code streamId}, else null. */
    private static Function<byte[], Integer> frameIndexOf(String topic, String streamId) {
        FrameSerde serde = FrameSerde.defaultCodec();
        return value -> {
            FrameMessage m = serde.deserialize(topic, value);
            return m.streamId().equals(streamId) && !m.isEndOfStream() ? Math.toIntExact(m.frameIndex()) : null;
        };
    }

    /** What {@code numberOf} makes of each record on {@code topic}, partition by partition; nulls are left out. */
    private static <T> List<T> onTopic(String bootstrap, MessageLimits limits, String topic,
                                       Function<byte[], T> numberOf, IsolationLevel isolation) {
        TopicReader reader = isolation == IsolationLevel.READ_COMMITTED ? TopicReader.committed(bootstrap, limits)
                : TopicReader.uncommitted(bootstrap, limits);
        List<T> indexes = new ArrayList<>();
        reader.readToEnd(List.of(topic), Duration.ofSeconds(60), r -> {
            T n = numberOf.apply(r.value());
            if (n != null) {
                indexes.add(n);
            }
        });
        return indexes;
    }

    /**
     * Records on {@code topic} from the first still open transaction on: per partition, the high watermark minus the
     * last stable offset. More than zero means some producer has written records it has neither committed nor
     * aborted yet.
     */
    static long inOpenTransactions(Admin admin, String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        var written = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all().get();
        var stable = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get();
        return latest.keySet().stream().mapToLong(p -> written.get(p).offset() - stable.get(p).offset()).sum();
    }
}
