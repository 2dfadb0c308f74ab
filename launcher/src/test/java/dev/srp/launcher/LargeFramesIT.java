package dev.srp.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srp.bench.YPsnr;
import dev.srp.contract.FrameMessage;
import dev.srp.contract.FrameRate;
import dev.srp.contract.FrameSerde;
import dev.srp.contract.MessageLimits;
import dev.srp.contract.PayloadCodec;
import dev.srp.contract.PixelFormat;
import dev.srp.contract.Topics;
import dev.srp.testsupport.KafkaBroker;
import dev.srp.testsupport.SyntheticClip;
import java.nio.file.Files;
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
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** 1920x1080 and 3840x2160 outputs go through every Kafka limit, from the one MessageLimits configuration. */
class LargeFramesIT {
    @RegisterExtension
    static final KafkaBroker BROKER = KafkaBroker.withLimits(MessageLimits.defaults());

    @TempDir
    Path dir;

    @Test
    void incompressible4kFrameCrossesTheBrokerUncompressed() throws Exception {
        MessageLimits limits = BROKER.limits();
        byte[] noise = new byte[3840 * 2160 * 3];
        new Random(7).nextBytes(noise);
        FrameMessage frame = FrameMessage.frame("big", 0, 0, new FrameRate(25, 1), 3840, 2160, PixelFormat.RGB24, 0,
                noise);
        Topics topics = Topics.defaults();
        BROKER.createTopics(topics, 1);
        Map<String, Object> p = new HashMap<>(limits.producerConfig());
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrapServers());
        try (KafkaProducer<String, FrameMessage> producer = new KafkaProducer<>(p, new StringSerializer(),
                new FrameSerde(PayloadCodec.RAW))) {
            producer.send(new ProducerRecord<>(topics.framesHr(), frame.key(), frame)).get();
        }
        Map<String, Object> c = new HashMap<>(limits.consumerConfig());
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrapServers());
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

    /**
     * A 3840x2160 input at x2 (7680x4320 out, 99.5 MB a raw frame, three times the default Kafka message limit),
     * with raw HR payloads: the size a frame of noise would have whatever the compression, so the run proves the
     * limit rather than the compressor. Every frame comes out, and scaled back down it is the input's picture.
     */
    @Test
    void uhdInputAtX2() throws Exception {
        Path in = VideoFrames.excerpt(VideoFrames.SAMPLE, 0, 3, "scale=3840:2160:flags=bicubic",
                dir.resolve("uhd.mkv"));
        Path out = dir.resolve("uhd-x2.mkv");
        CliRun run = CliRun.of("upscale", in.toString(), out.toString(), "--no-progress", "--scale", "2", "--codec",
                "ffv1", "--hr-payload", "raw", "--model",
                SrpHome.path().resolve("models/bicubic-x2-interim.pt").toString());
        assertEquals(0, run.exitCode(), run.stderr());
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(out.toFile())) {
            g.start();
            assertEquals(7680, g.getImageWidth());
            assertEquals(4320, g.getImageHeight());
        }
        List<byte[]> input = VideoFrames.decode(in);
        List<byte[]> back = VideoFrames.decodeScaled(out, "scale=3840:2160:flags=area");
        assertEquals(3, back.size(), "frames out");
        for (int i = 0; i < 3; i++) {
            double psnr = YPsnr.of(input.get(i), back.get(i));
            assertTrue(psnr > 35, "frame " + i + " scaled back down is " + psnr + " dB from the input");
        }
    }

    /** A frame too big for one message is refused when the source opens, naming the input, its size and a way out. */
    @Test
    void inputTooBigForAFrameMessageIsRefusedUpFront() throws Exception {
        Path in = dir.resolve("huge.mkv");
        new SyntheticClip(4000, 4000, 25, 2, new int[0], false, true).write(in);
        Path out = dir.resolve("huge-x4.mp4");
        long start = System.nanoTime();
        CliRun run = CliRun.of("upscale", in.toString(), out.toString(), "--no-progress");
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(Srp.EXIT_USER_ERROR, run.exitCode(), run.stderr());
        String error = run.stderr().lines().filter(l -> l.startsWith("srp: error: ")).findFirst().orElse("");
        assertTrue(error.contains("input " + in + " is 4000x4000") && error.contains("16000x16000")
                && error.contains("--scale 2"), run.stderr());
        assertFalse(run.stderr().contains("\tat "), "stack trace without --verbose: " + run.stderr());
        assertFalse(Files.exists(out));
        assertTrue(seconds < 30, "refused only after " + seconds + " s");
    }

    /** The heap a run would need is checked at open too: the error names the size and the -Xmx that would do. */
    @Test
    void inputTooBigForTheHeapNamesTheSettingThatWouldAllowIt() throws Exception {
        Path in = VideoFrames.excerpt(VideoFrames.SAMPLE, 0, 2, "scale=1920:1080", dir.resolve("fhd.mkv"));
        Path out = dir.resolve("fhd-x2.mp4");
        try (ServiceProcesses processes = new ServiceProcesses(dir)) {
            Process p = processes.startMain("small-heap", List.of("-Xmx512m", "-Djava.io.tmpdir=" + dir),
                    Srp.class.getName(), "upscale", in.toString(), out.toString(), "--no-progress", "--scale", "2");
            assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), processes.logs());
            String log = processes.logs();
            assertEquals(Srp.EXIT_USER_ERROR, p.exitValue(), log);
            assertTrue(log.contains("input " + in + " is 1920x1080") && log.contains("-Xmx"), log);
            assertFalse(log.contains("OutOfMemoryError"), log);
        }
        assertFalse(Files.exists(out));
    }
}
