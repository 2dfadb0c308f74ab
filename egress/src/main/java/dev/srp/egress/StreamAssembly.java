package dev.srp.egress;

import dev.srp.contract.AudioChunk;
import dev.srp.contract.FrameMessage;
import dev.srp.contract.FrameRate;
import dev.srp.contract.SrpException;
import dev.srp.contract.Topic;
import dev.srp.media.UrlCredentials;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts one stream back together: frames go to the encoder in index order (early ones wait in a
 * {@link ReorderBuffer}), audio is interleaved by presentation time, and the output is finished only when the end
 * markers and everything they count have arrived. Methods throw {@link SrpException} when the output fails; the
 * caller then calls {@link #abort()}.
 */
final class StreamAssembly implements AutoCloseable {
    enum FrameOutcome { ACCEPTED, DUPLICATE, FOREIGN }

    private static final Logger LOG = LoggerFactory.getLogger(StreamAssembly.class);

    private final String streamId;
    private final String output;
    private final EgressConfig config;
    private final EgressMetrics metrics;
    private final EgressListener listener;
    private final Topic<FrameMessage> frames;
    private final ReorderBuffer buffer;
    private final AudioQueue audio = new AudioQueue();
    /** Kafka timestamps of waiting frames: the time ingest published them, for the end-to-end latency. */
    private final Map<Long, Long> publishedAtMillis = new HashMap<>();
    private OutputEncoder encoder;
    private FrameRate frameRate;
    private long frameCount = -1;
    private long duplicates;
    private long audioChunksWritten;
    private long lastVideoPts = Long.MIN_VALUE;
    private int encoderWidth;
    private int encoderHeight;
    /** Live outputs: the frame index waited for since {@link #gapSinceNanos}, or -1 when nothing is missing. */
    private long gapIndex = -1;
    private long gapSinceNanos;
    /** Live outputs: ranges of frames given up on (start -> end, exclusive), to tell a late frame from a repeat. */
    private final TreeMap<Long, Long> skippedRanges = new TreeMap<>();

    StreamAssembly(String streamId, String output, EgressConfig config, BufferBudget budget, EgressMetrics metrics,
                   EgressListener listener) {
        this.streamId = streamId;
        this.output = output;
        this.config = config;
        this.frames = config.kafka().topics().hrFrames();
        this.metrics = metrics;
        this.listener = listener;
        this.buffer = new ReorderBuffer(config.spillDir(), budget);
    }

    String streamId() {
        return streamId;
    }

    String output() {
        return output;
    }

    /**
     * Takes a decoded frame or end marker; {@code serialized} is its record value, kept if it must wait;
     * {@code publishedAtMillis} its record timestamp, which the worker carries over from ingest's record.
     */
    FrameOutcome onFrame(FrameMessage m, byte[] serialized, long publishedAtMillis) {
        if (m.isEndOfStream()) {
            if (frameCount >= 0 && frameCount != m.frameCount()) {
                return FrameOutcome.FOREIGN;
            }
            frameCount = m.frameCount();
            return FrameOutcome.ACCEPTED;
        }
        long index = m.frameIndex();
        if (frameCount >= 0 && index >= frameCount) {
            return FrameOutcome.FOREIGN;
        }
        if (wasSkipped(index)) {
            metrics.lateFrameDropped();
            return FrameOutcome.DUPLICATE;
        }
        if (buffer.contains(index)) {
            duplicates++;
            metrics.duplicateDropped();
            return FrameOutcome.DUPLICATE;
        }
        if (index == buffer.nextIndex() && readyToWrite()) {
            buffer.skipNext(index);
            write(m, publishedAtMillis);
            return FrameOutcome.ACCEPTED;
        }
        this.publishedAtMillis.put(index, publishedAtMillis);
        if (buffer.offer(index, serialized) == ReorderBuffer.Offer.SPILLED) {
            metrics.frameSpilled();
        }
        return FrameOutcome.ACCEPTED;
    }

    /** Takes an audio chunk or the end-of-audio marker; false when it was dropped as a duplicate or misfit. */
    boolean onAudio(AudioChunk chunk) {
        boolean taken;
        try {
            taken = audio.offer(chunk);
        } catch (IllegalArgumentException e) {
            throw new SrpException("stream " + streamId + " cannot be written to " + UrlCredentials.redact(output)
                    + ": " + e.getMessage(),
                    "ingest must send one audio format per stream; re-run the stream", e);
        }
        if (taken && encoder != null) {
            writeAudio(audio.takeUpTo(lastVideoPts));
        }
        return taken;
    }

    /** Writes every frame whose turn has come; when the stream is complete, finishes the output. */
    Optional<EgressResult> advance() {
        do {
            while (readyToWrite()) {
                Optional<byte[]> next = buffer.pollNext();
                if (next.isEmpty()) {
                    break;
                }
                FrameMessage m = frames.deserialize(next.get());
                Long published = publishedAtMillis.remove(m.frameIndex());
                write(m, published == null ? System.currentTimeMillis() : published);
            }
        } while (skippedAGap());
        if (frameCount < 0 || buffer.nextIndex() < frameCount || !audio.complete()) {
            return Optional.empty();
        }
        if (encoder == null) {
            throw new SrpException("stream " + streamId + " ended with no video frames, so "
                    + UrlCredentials.redact(output)
                    + " cannot be written", "check that the source decoded to at least one frame");
        }
        writeAudio(audio.takeAll());
        String done = encoder.finish();
        return Optional.of(new EgressResult(streamId, done, frameCount, duplicates, audioChunksWritten,
                encoderWidth, encoderHeight, frameRate));
    }

    /**
     * A live output does not wait for ever for a frame that may never come (lost to retention, or dropped by a
     * source): once the next frame has been missing for the live gap timeout while later ones wait (or the end
     * marker says there are no more), the stream goes on without it, and the skipped frames are counted. A file
     * output waits: a remaster must not silently lose frames.
     */
    private boolean skippedAGap() {
        if (!live() || !readyToWrite()) {
            return false;
        }
        long next = buffer.nextIndex();
        long firstWaiting = buffer.firstWaiting();
        long resumeAt = firstWaiting >= 0 ? firstWaiting : frameCount;
        if (resumeAt <= next) {
            gapIndex = -1;
            return false;
        }
        long now = System.nanoTime();
        if (gapIndex != next) {
            gapIndex = next;
            gapSinceNanos = now;
            return false;
        }
        if (now - gapSinceNanos < config.liveGapTimeout().toNanos()) {
            return false;
        }
        long skipped = buffer.skipTo(resumeAt);
        skippedRanges.put(next, resumeAt);
        metrics.framesSkipped(streamId, skipped);
        LOG.warn("stream {}: frames {}-{} did not arrive within {} s; the live output goes on without them",
                streamId, next, resumeAt - 1, config.liveGapTimeout().toSeconds());
        gapIndex = -1;
        return true;
    }

    private boolean wasSkipped(long index) {
        Map.Entry<Long, Long> range = skippedRanges.floorEntry(index);
        return range != null && index < range.getValue();
    }

    /** Whether this stream's output is live, so {@link #advance()} must run even when no record arrives. */
    boolean live() {
        return config.container().live();
    }

    long skippedFrames() {
        return skippedRanges.entrySet().stream().mapToLong(range -> range.getValue() - range.getKey()).sum();
    }

    private boolean readyToWrite() {
        return encoder != null || audio.formatKnown();
    }

    private void write(FrameMessage m, long publishedAtMillis) {
        long start = System.nanoTime();
        if (encoder == null) {
            frameRate = m.frameRate();
            encoderWidth = m.outputWidth();
            encoderHeight = m.outputHeight();
            encoder = OutputEncoder.open(streamId, output, config, encoderWidth, encoderHeight, m.frameRate(),
                    m.display(), audio.sampleRate(), audio.hasAudio() ? audio.channels() : 0, metrics::pushReconnected);
            LOG.info("stream {}: first frame, encoding {}x{}", streamId, encoderWidth, encoderHeight);
        }
        encoder.writeVideo(m.pixels(), m.width(), m.height(), m.upscaleBy(), m.ptsMicros());
        metrics.frameWritten(streamId, (System.nanoTime() - start) / 1e9,
                Math.max(0, System.currentTimeMillis() - publishedAtMillis) / 1000.0);
        lastVideoPts = Math.max(lastVideoPts, m.ptsMicros());
        listener.onFrameWritten(streamId, m.frameIndex());
        writeAudio(audio.takeUpTo(lastVideoPts));
    }

    private void writeAudio(Iterable<AudioChunk> chunks) {
        for (AudioChunk c : chunks) {
            encoder.writeAudio(c);
            audioChunksWritten++;
            metrics.audioChunkWritten();
        }
    }

    long bufferedFrames() {
        return buffer.size();
    }

    /** Deletes the part file and spilled frames; nothing with the final name is left. */
    void abort() {
        if (encoder != null) {
            encoder.abort();
            encoder = null;
        }
        buffer.close();
    }

    @Override
    public void close() {
        buffer.close();
    }
}
