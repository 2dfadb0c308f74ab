package dev.srp.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.srp.broker.EmbeddedKafka;
import dev.srp.contract.FrameMessage;
import dev.srp.contract.FrameRate;
import dev.srp.contract.FrameSerde;
import dev.srp.contract.MessageLimits;
import dev.srp.contract.PayloadCodec;
import dev.srp.contract.PixelFormat;
import dev.srp.contract.Topics;
import dev.srp.media.SyntheticClip;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 1920x1080 and 3840x2160 outputs go through every Kafka limit, from the one MessageLimits configuration. */
class LargeFramesIT {
    @TempDir
    Path dir;

    @Test
    void incompressible4kFrameCrossesTheBrokerUncompressed() throws Exception {
        MessageLimits limits = MessageLimits.defaults();
        byte[] noise = new byte[3840 * 2160 * 3];
        new Random(7).nextBytes(noise);
        FrameMessage frame = FrameMessage.frame("big", 0, 0, new FrameRate(25, 1), 3840, 2160, PixelFormat.RGB24, 0,
                noise);
        try (EmbeddedKafka kafka = EmbeddedKafka.start(limits)) {
            Topics topics = Topics.defaults();
            kafka.createTopics(topics, 1);
            Map<String, Object> p = new HashMap<>(limits.producerConfig());
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            try (KafkaProducer<String, FrameMessage> producer = new KafkaProducer<>(p, new StringSerializer(),
                    new FrameSerde(PayloadCodec.RAW))) {
                producer.send(new ProducerRecord<>(topics.framesHr(), frame.key(), frame)).get();
            }
            Map<String, Object> c = new HashMap<>(limits.consumerConfig());
            c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            c.put(ConsumerConfig.GROUP_ID_CONFIG, "large");
            c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            try (KafkaConsumer<String, FrameMessage> consumer = new KafkaConsumer<>(c, new StringDeserializer(),
                    FrameSerde.defaultCodec())) {
                consumer.subscribe(List.of(topics.framesHr()));
                FrameMessage got = null;
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (got == null && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, FrameMessage> r : consumer.poll(Duration.ofMillis(500))) {
                        got = r.value();
                    }
                }
                assertEquals(frame, got);
                assertArrayEquals(noise, got.pixels());
            }
        }
    }

    @Test
    void fullHdAndUhdOutputsThroughTheWholePipeline() throws Exception {
        for (int[] lr : new int[][] {{480, 270}, {960, 540}}) {
            Path in = dir.resolve("in-" + lr[0] + ".mkv");
            new SyntheticClip(lr[0], lr[1], 25, 3, new int[0], false, true).write(in);
            Path out = dir.resolve("out-" + lr[0] + ".mkv");
            CliRun run = CliRun.of("upscale", in.toString(), out.toString(), "--no-progress", "--codec", "ffv1");
            assertEquals(0, run.exitCode(), run.stderr());
            try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(out.toFile())) {
                g.start();
                assertEquals(lr[0] * 4, g.getImageWidth());
                assertEquals(lr[1] * 4, g.getImageHeight());
                int frames = 0;
                while (g.grabImage() != null) {
                    frames++;
                }
                assertEquals(3, frames);
            }
        }
    }
}
