package dev.srp.ingest;

import dev.srp.contract.AudioChunk;
import dev.srp.contract.DisplayInfo;
import dev.srp.contract.FrameMessage;
import dev.srp.contract.FrameRate;
import dev.srp.contract.SrpException;
import dev.srp.ingest.IngestMetrics.Reason;
import dev.srp.ingest.VideoSource.AudioSamples;
import dev.srp.ingest.VideoSource.Decoded;
import dev.srp.ingest.VideoSource.VideoFrame;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes one input: opens it, then streams its frames (with shot ids) and audio chunks to Kafka in
 * transactions, and finishes with the end-of-stream and end-of-audio markers. On any failure the open
 * transaction is aborted, so read-committed consumers never see a half-sent batch.
 */
public final class Ingest {
    private static final Logger LOG = LoggerFactory.getLogger(Ingest.class);
    /** Audio chunk length: a few records per second, small enough for egress to interleave promptly. */
    static final int AUDIO_CHUNK_MILLIS = 200;
    /** A file that decodes to less than this share of its declared frames was cut short. */
    static final double COMPLETE_SHARE = 0.9;

    private final IngestConfig config;
    private final IngestMetrics metrics;

    /**
     * Checks what can be checked of {@code input} without opening it (a local file that is missing or a
     * directory, a scheme srp does not read), so a launcher can fail before it starts anything.
     *
     * @return the local file, or empty for a network source
     * @throws SrpException naming the input as the user typed it
     */
    public static Optional<Path> checkInput(String input) {
        InputLocation location;
        try {
            location = InputLocation.parse(input);
        } catch (IllegalArgumentException e) {
            throw new SrpException(e.getMessage().replaceFirst("^ingest config: ", ""), null, e);
        }
        VideoSource.checkLocal(location, InputLocation.redact(input));
        return Optional.ofNullable(location.file());
    }

    /**
     * What a local file declares (size, rate, audio), read by opening and closing it, so a launcher can check a
     * file it cannot carry before it starts anything; empty for a network source, which is read only once.
     *
     * @throws SrpException for an input that is not a video srp can read, naming it
     */
    public static Optional<SourceInfo> probe(String input, Duration timeout) {
        if (checkInput(input).isEmpty()) {
            return Optional.empty();
        }
        try (VideoSource source = VideoSource.open(input, timeout)) {
            return Optional.of(source.info());
        }
    }

    public Ingest(IngestConfig config, IngestMetrics metrics) {
        this.config = Objects.requireNonNull(config, "config");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** Blocks until the whole input is published; throws {@link SrpException} with a message naming the input. */
    public IngestResult run(IngestListener listener) {
        Objects.requireNonNull(listener, "listener");
        try {
            return publish(listener);
        } catch (IngestFailure e) {
            metrics.failed(e.reason());
            throw e;
        } catch (SrpException e) {
            metrics.failed(Reason.OTHER);
            throw e;
        } catch (RuntimeException e) {
            metrics.failed(Reason.OTHER);
            throw new SrpException(InputLocation.redact("ingest of " + config.input() + " failed: " + e),
                    "this is a bug in srp if the input plays in other tools; please report it", e);
        }
    }

    private IngestResult publish(IngestListener listener) {
        Outages outages = new Outages();
        try (ReconnectingSource source = ReconnectingSource.open(config, outages)) {
            SourceInfo info = source.info();
            LOG.info("stream {}: source open, {}x{}", config.streamId(), info.width(), info.height());
            metrics.sourceOpened(config.streamId());
            listener.onOpened(info);
            IngestResult result;
            try (FramePublisher publisher = FramePublisher.open(config, metrics)) {
                // read only now: opening the stream's transactional producer aborted a dead ingest's open transaction
                StreamProgress earlier = ProgressLog.read(config).orElse(null);
                if (earlier != null && earlier.ended()) {
                    LOG.info("stream {} was already published completely ({} frames); nothing to do",
                            config.streamId(), earlier.nextFrame());
                    return IngestResult.alreadyComplete(earlier, info);
                }
                checkSameFormat(earlier, source);
                publisher.startFrom(earlier != null ? earlier : StreamProgress.start(info));
                try {
                    result = stream(source, publisher, listener, outages, earlier);
                } catch (RuntimeException e) {
                    publisher.abort();
                    throw e;
                }
            }
            if (source.lostReason() != null) {
                metrics.sourceGone(config.streamId());
                // everything decoded is published and the stream is closed; the exit code still says it was cut short
                throw new IngestFailure(Reason.SOURCE_LOST, source.lostReason() + "; its " + result.frames()
                        + " frames were published and the stream was ended",
                        "check the source; raise --reconnect-for to wait longer for it", null);
            }
            return result;
        }
    }

    /** A stream is continued only with frames of the size and rate it began with. */
    private void checkSameFormat(StreamProgress earlier, ReconnectingSource source) {
        String change = earlier == null ? null : earlier.formatChange(source.info());
        if (change != null) {
            throw new IngestFailure(Reason.OTHER, "stream " + config.streamId() + " was begun by an earlier ingest, "
                    + "but " + source.shownInput() + " gives " + change, "publish this input under a new --stream-id",
                    null);
        }
    }

    /** Connects source drops to the shot numbering (a resumed source starts a new shot) and the metrics. */
    private final class Outages implements ReconnectingSource.Listener {
        private ShotNumbering shots;

        @Override
        public void dropped() {
            metrics.sourceDropped(config.streamId());
        }

        @Override
        public void resumed(Duration outage) {
            metrics.sourceResumed(config.streamId());
            if (shots != null) {
                shots.markGap();
            }
        }
    }

    /**
     * Publishes the source's frames and audio. A stream an earlier ingest began ({@code earlier} not null) is
     * resumed: a replayable input is decoded again from its start (so shot ids come out the same) and what was
     * committed is skipped; a live one goes on from where the stream stood, with a new shot.
     */
    private IngestResult stream(ReconnectingSource source, FramePublisher publisher, IngestListener listener,
                                Outages outages, StreamProgress earlier) {
        SourceInfo info = source.info();
        String streamId = config.streamId();
        FrameRate rate = info.frameRate();
        // a resumed stream keeps the display info it began with: egress wrote its output's metadata from frame 0
        DisplayInfo display = earlier != null ? earlier.display() : info.display();
        ShotNumbering shots = new ShotNumbering(streamId, rate, display,
                new ContentShotDetector(config.shots(), rate), metrics);
        outages.shots = shots;
        AudioChunker audio = info.hasAudio()
                ? new AudioChunker(streamId, info.sampleRate(), info.channels(), AUDIO_CHUNK_MILLIS) : null;
        boolean replay = earlier != null && source.replayable();
        long skipFrames = replay ? earlier.nextFrame() : 0;
        long skipChunks = replay ? earlier.nextAudioChunk() : 0;
        if (earlier != null) {
            LOG.info("stream {}: frames 0-{} were committed by an earlier ingest; {}", streamId,
                    earlier.nextFrame() - 1, replay ? "decoding " + source.shownInput() + " again and skipping them"
                            : "going on with what " + source.shownInput() + " sends now, as a new shot");
        }
        if (earlier != null && !replay) {
            shots.continueAfter(earlier.nextFrame(), earlier.lastShotId());
            source.continueAt(earlier.nextPtsMicros());
            if (audio != null) {
                audio.continueAt(earlier.nextAudioChunk());
            }
        }
        if (audio == null && earlier == null) {
            // Say "no audio" up front: egress cannot start encoding until it knows whether to mux a soundtrack.
            // (A resumed stream said so in its first transaction.)
            publisher.send(AudioChunk.endOfAudio(streamId, 0, info.sampleRate(), info.channels()));
        }
        long notified = 0;
        for (Decoded d; (d = source.next()) != null; ) {
            if (d instanceof VideoFrame v) {
                metrics.frameDecoded(v.decodeSeconds());
                for (FrameMessage m : shots.add(v)) {
                    if (m.frameIndex() >= skipFrames) {
                        publisher.send(m);
                        listener.onFrameSent(m);
                    }
                }
            } else if (d instanceof AudioSamples a && audio != null) {
                for (AudioChunk chunk : audio.add(a.pcm(), a.ptsMicros())) {
                    if (chunk.sequence() >= skipChunks) {
                        publisher.send(chunk);
                    }
                }
            }
            if (publisher.commitIfDue()) {
                notified = notifyPublished(listener, notified, shots.frames());
            }
        }
        // the detector's last few frames, still in transactions of at most FRAMES_PER_TRANSACTION frames
        for (FrameMessage m : shots.finish()) {
            if (m.frameIndex() < skipFrames) {
                continue;
            }
            publisher.send(m);
            listener.onFrameSent(m);
            if (publisher.commitIfDue()) {
                notified = notifyPublished(listener, notified, m.frameIndex() + 1);
            }
        }
        long frames = shots.frames();
        checkComplete(source, frames);
        if (frames < skipFrames) {
            throw new IngestFailure(Reason.TRUNCATED, source.shownInput() + " decoded to " + frames + " frames, but "
                    + "an earlier ingest of stream " + streamId + " already published " + skipFrames,
                    "publish this input under a new --stream-id", null);
        }
        long chunks = 0;
        if (audio != null) {
            AudioChunk last = audio.flush();
            if (last != null && last.sequence() >= skipChunks) {
                publisher.send(last);
            }
            chunks = audio.chunkCount();
        }
        publisher.send(FrameMessage.endOfStream(streamId, frames, publisher.progress().nextPtsMicros(), rate));
        if (audio != null) {
            publisher.send(AudioChunk.endOfAudio(streamId, chunks, info.sampleRate(), info.channels()));
        }
        publisher.commit();
        notifyPublished(listener, notified, frames);
        return new IngestResult(frames, shots.shots(), shots.refreshSegments(), chunks, info,
                earlier == null ? 0 : earlier.nextFrame(), false);
    }

    /** Fails (or, with allowTruncated, warns) when decoding stopped early or far short of the declared length. */
    private void checkComplete(ReconnectingSource source, long frames) {
        if (source.live() && frames > 0) {
            return; // a live source that ends has dropped: publish what came, lostReason() says why
        }
        long declared = source.info().estimatedFrames();
        Exception error = source.decodeError();
        boolean shortOfDeclared = declared > 0 && frames < declared * COMPLETE_SHARE;
        if (error == null && !shortOfDeclared && frames > 0) {
            return;
        }
        String message = declared > 0
                ? source.shownInput() + " looks truncated: decoded " + frames + " of about " + declared + " frames"
                : source.shownInput() + " stopped after " + frames + " frames";
        if (error != null) {
            message += " (" + InputLocation.redact(error.getMessage()) + ")";
        }
        if (frames == 0 || !config.allowTruncated()) {
            throw new IngestFailure(Reason.TRUNCATED, message, frames == 0
                    ? "re-download or re-export the file; no frame could be decoded"
                    : "re-download or re-export the file, or pass --allow-truncated to publish the frames that decode",
                    error);
        }
        LOG.warn("{}; publishing the {} frames that decoded (--allow-truncated)", message, frames);
    }

    private static long notifyPublished(IngestListener listener, long from, long to) {
        for (long i = from; i < to; i++) {
            listener.onFramePublished(i);
        }
        return to;
    }
}
