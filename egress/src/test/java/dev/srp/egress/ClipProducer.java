package dev.srp.egress;

import dev.srp.contract.AudioChunk;
import dev.srp.contract.AudioChunkSerde;
import dev.srp.contract.FrameMessage;
import dev.srp.contract.FrameRate;
import dev.srp.contract.FrameSerde;
import dev.srp.contract.MessageLimits;
import dev.srp.contract.PixelFormat;
import dev.srp.contract.Topics;
import dev.srp.testsupport.SyntheticClip;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plays the SR worker and ingest for egress tests: sends a synthetic clip's frames (as if already upscaled) to
 * frames.hr in a scrambled order over every partition, with some frames twice, plus a tone on the audio topic.
 */
final class ClipProducer {
    static final int PARTITIONS = 4;

    private final String bootstrap;
    private final Topics topics;
    private final MessageLimits limits;
    private final SyntheticClip clip;
    private final String streamId;

    ClipProducer(String bootstrap, Topics topics, MessageLimits limits, SyntheticClip clip, String streamId) {
        this.bootstrap = bootstrap;
        this.topics = topics;
        this.limits = limits;
        this.clip = clip;
        this.streamId = streamId;
    }

    FrameRate frameRate() {
        return new FrameRate(clip.fps(), 1);
    }

    long ptsOf(long frame) {
        return frame * 1_000_000L / clip.fps();
    }

    FrameMessage frame(int i) {
        return FrameMessage.frame(streamId, i, ptsOf(i), frameRate(), clip.width(), clip.height(),
                PixelFormat.RGB24, clip.shotOf(i), clip.pixels(i));
    }

    /** Frame records in the given order (indexes may repeat), each to a random partition, then the end marker. */
    void sendFrames(List<Integer> order, long seed, boolean endMarker, List<byte[]> extraValues) {
        Random random = new Random(seed);
        FrameSerde serde = FrameSerde.defaultCodec();
        try (KafkaProducer<String, byte[]> producer = transactional()) {
            producer.beginTransaction();
            for (int i : order) {
                FrameMessage m = frame(i);
                producer.send(new ProducerRecord<>(topics.framesHr(), random.nextInt(PARTITIONS), m.key(),
                        serde.serialize(topics.framesHr(), m)));
            }
            for (byte[] extra : extraValues) {
                producer.send(new ProducerRecord<>(topics.framesHr(), random.nextInt(PARTITIONS), "garbage", extra));
            }
            if (endMarker) {
                FrameMessage end = FrameMessage.endOfStream(streamId, clip.frames(), ptsOf(clip.frames()), frameRate());
                producer.send(new ProducerRecord<>(topics.framesHr(), random.nextInt(PARTITIONS), end.key(),
                        serde.serialize(topics.framesHr(), end)));
            }
            producer.commitTransaction();
        }
    }

    /** Tells egress the source has no audio. */
    void sendNoAudio() {
        AudioChunk end = AudioChunk.endOfAudio(streamId, 0, 0, 0);
        try (KafkaProducer<String, byte[]> producer = transactional()) {
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topics.audio(), streamId, new AudioChunkSerde().serialize(topics.audio(),
                    end)));
            producer.commitTransaction();
        }
    }

    /** Sends ready-made frame messages, in order, to partition 0. */
    void sendMessages(List<FrameMessage> messages) {
        FrameSerde serde = FrameSerde.defaultCodec();
        try (KafkaProducer<String, byte[]> producer = transactional()) {
            producer.beginTransaction();
            for (FrameMessage m : messages) {
                producer.send(new ProducerRecord<>(topics.framesHr(), 0, m.key(), serde.serialize(topics.framesHr(), m)));
            }
            producer.commitTransaction();
        }
    }

    /** Every frame once, shuffled, plus {@code duplicates} repeated frames. */
    static List<Integer> shuffledWithDuplicates(int frames, int duplicates, long seed) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            order.add(i);
        }
        Random random = new Random(seed);
        for (int d = 0; d < duplicates; d++) {
            order.add(random.nextInt(frames));
        }
        Collections.shuffle(order, random);
        return order;
    }

    /** One chunk of tone per video frame, then the end-of-audio marker; returns the number of sample frames. */
    long sendTone() {
        AudioChunkSerde serde = new AudioChunkSerde();
        int perFrame = SyntheticClip.SAMPLE_RATE / clip.fps();
        try (KafkaProducer<String, byte[]> producer = transactional()) {
            producer.beginTransaction();
            for (int k = 0; k < clip.frames(); k++) {
                AudioChunk chunk = AudioChunk.chunk(streamId, k, ptsOf(k), SyntheticClip.SAMPLE_RATE,
                        SyntheticClip.CHANNELS, tone((long) k * perFrame, perFrame));
                producer.send(new ProducerRecord<>(topics.audio(), streamId, serde.serialize(topics.audio(), chunk)));
            }
            AudioChunk end = AudioChunk.endOfAudio(streamId, clip.frames(), SyntheticClip.SAMPLE_RATE,
                    SyntheticClip.CHANNELS);
            producer.send(new ProducerRecord<>(topics.audio(), streamId, serde.serialize(topics.audio(), end)));
            producer.commitTransaction();
        }
        return (long) perFrame * clip.frames();
    }

    private static byte[] tone(long start, int n) {
        ByteBuffer b = ByteBuffer.allocate(n * SyntheticClip.CHANNELS * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int k = 0; k < n; k++) {
            short v = (short) (8000 * Math.sin(2 * Math.PI * 440 * (start + k) / SyntheticClip.SAMPLE_RATE));
            b.putShort(v).putShort(v);
        }
        return b.array();
    }

    private KafkaProducer<String, byte[]> transactional() {
        Map<String, Object> config = new HashMap<>(limits.producerConfig());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "egress-it-" + UUID.randomUUID());
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer());
        producer.initTransactions();
        return producer;
    }
}
