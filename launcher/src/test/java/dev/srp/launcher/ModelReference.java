package dev.srp.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.srp.contract.FrameMessage;
import dev.srp.contract.Topics;
import dev.srp.pipeline.StreamIds;
import dev.srp.testsupport.KafkaBroker;
import dev.srp.worker.masks.BuiltInMaskGenerator;
import dev.srp.worker.masks.MaskSet;
import dev.srp.worker.masks.SamNoise;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * What a SAMSR model should output for every frame of a video as {@code srp upscale} runs it, computed without the
 * worker's inference code: the LR frames and shot ids come from {@code srp ingest} on the same input (ingest is
 * deterministic for a file), the masks from the built-in generator on each shot's first frame, eps' from the
 * shot's noise seed, and the model runs in Python with Debian's torch 1.13 (model/pipeline_reference.py), which also
 * computes W and converts to 8 bits.
 */
final class ModelReference {
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    /** One frame: its index and shot, and the model's output for it as packed RGB24. */
    record Frame(long index, long shot, int lrWidth, int lrHeight, byte[] expected) {
    }

    private ModelReference() {
    }

    /**
     * @param broker where {@code srp ingest} publishes the input's frames, on topics of their own
     * @param input the input exactly as given to {@code srp upscale} (the stream id, hence the noise, derives from
     *              this string)
     */
    static List<Frame> compute(KafkaBroker broker, String input, Path model, int scale, Path work) throws Exception {
        requireTorch();
        List<FrameMessage> lr = ingested(broker, input);
        Files.createDirectories(work);
        StringBuilder tsv = new StringBuilder("index\tshot\twidth\theight\n");
        try (OutputStream pixels = Files.newOutputStream(work.resolve("lr.u8"))) {
            long shot = -1;
            for (FrameMessage f : lr) {
                if (f.shotId() != shot) {
                    shot = f.shotId();
                    writeShot(work, f, scale);
                }
                tsv.append(f.frameIndex()).append('\t').append(f.shotId()).append('\t').append(f.width())
                        .append('\t').append(f.height()).append('\n');
                pixels.write(f.pixels());
            }
        }
        Files.writeString(work.resolve("frames.tsv"), tsv);
        runPython(model, work);
        byte[] all = Files.readAllBytes(work.resolve("reference.u8"));
        List<Frame> frames = new ArrayList<>(lr.size());
        int offset = 0;
        for (FrameMessage f : lr) {
            int bytes = f.width() * scale * f.height() * scale * 3;
            byte[] hr = new byte[bytes];
            System.arraycopy(all, offset, hr, 0, bytes);
            offset += bytes;
            frames.add(new Frame(f.frameIndex(), f.shotId(), f.width(), f.height(), hr));
        }
        assertEquals(all.length, offset, "reference.u8 holds more than the frames");
        return frames;
    }

    /** The frames {@code srp ingest} publishes for {@code input}, under the stream id {@code srp upscale} gives it. */
    private static List<FrameMessage> ingested(KafkaBroker broker, String input) {
        String streamId = StreamIds.forInput(input);
        String prefix = "reference-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        Topics topics = Topics.withPrefix(prefix);
        broker.createTopics(topics, 4);
        CliRun run = CliRun.of("ingest", "--bootstrap", broker.bootstrapServers(), "--topic-prefix", prefix, input);
        assertEquals(0, run.exitCode(), run.stderr());
        List<FrameMessage> frames = new ArrayList<>(DeliveredFrames.committedMessages(broker.bootstrapServers(),
                broker.limits(), topics.framesLr(), streamId));
        frames.removeIf(FrameMessage::isEndOfStream);
        frames.sort(Comparator.comparingLong(FrameMessage::frameIndex));
        return frames;
    }

    /** The shot's masks (from its first frame, as the worker computes them) and its eps'. */
    private static void writeShot(Path work, FrameMessage first, int scale) throws IOException {
        MaskSet masks = new BuiltInMaskGenerator().generate(first.pixels(), first.width(), first.height());
        int n = masks.pixels();
        byte[] planes = new byte[masks.count() * n];
        for (int m = 0; m < masks.count(); m++) {
            BitSet mask = masks.masks().get(m);
            for (int i = mask.nextSetBit(0); i >= 0; i = mask.nextSetBit(i + 1)) {
                planes[m * n + i] = 1;
            }
        }
        Files.write(work.resolve("shot-" + first.shotId() + ".masks.u8"), planes);
        float[] eps = SamNoise.compute(masks, 3 * scale * scale,
                SamNoise.seeded(noiseSeed(first.streamId(), first.shotId())));
        ByteBuffer b = ByteBuffer.allocate(eps.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(eps);
        Files.write(work.resolve("shot-" + first.shotId() + ".eps.f32"), b.array());
    }

    /**
     * The shot's noise seed as the model contract defines it (docs/model-contract.md): the first 8 bytes, big-endian,
     * of SHA-256 over "srp-noise-v1" NUL stream id NUL shot id in decimal. Written out here rather than taken from the
     * worker, so a change there shows.
     */
    static long noiseSeed(String streamId, long shotId) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(("srp-noise-v1\0" + streamId + "\0" + shotId).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(sha.digest()).getLong();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void requireTorch() throws Exception {
        Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import torch, numpy").redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("the reference needs torch for " + PYTHON + " (apt-get install python3-torch "
                    + "python3-numpy; .ci/run does): " + out);
        }
    }

    private static void runPython(Path model, Path work) throws Exception {
        Path script = SrpHome.path().resolve("model/pipeline_reference.py");
        Process p = new ProcessBuilder(PYTHON.toString(), script.toString(), model.toAbsolutePath().toString(),
                work.toString()).redirectErrorStream(true).start();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        p.getInputStream().transferTo(log);
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new AssertionError("model/pipeline_reference.py failed: " + log.toString(StandardCharsets.UTF_8));
        }
    }
}
