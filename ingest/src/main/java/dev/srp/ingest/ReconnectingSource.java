package dev.srp.ingest;

import dev.srp.ingest.VideoSource.AudioSamples;
import dev.srp.ingest.VideoSource.Decoded;
import dev.srp.ingest.VideoSource.VideoFrame;
import dev.srp.media.Backoff;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A source that survives drops. When a network source stops sending (a read timeout or error, or for RTSP, UDP and
 * SRT any end of data, since a camera never finishes), it is reopened with exponential backoff for up to
 * {@code reconnectFor}. Frames after a resumption continue the same stream: timestamps go on from the last frame
 * (the outage is not kept as a gap), and the listener is told so the next frame starts a new shot. Local files,
 * and any source when {@code reconnectFor} is zero, end at their first end of data as before.
 */
final class ReconnectingSource implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReconnectingSource.class);
    static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(8);

    /** Told when the source came back after a drop, before its first frame is returned. */
    interface Listener {
        void dropped();

        void resumed(Duration outage);
    }

    private final String input;
    private final String shown;
    private final Duration openTimeout;
    private final Duration reconnectFor;
    private final boolean mayReconnect;
    private final boolean alwaysLive;
    private final boolean isFile;
    private final Listener listener;
    private final SourceInfo info;
    private VideoSource current;
    private long offsetMicros;
    private long lastVideoPts = -1;
    private long videoFrames;
    private String lost;

    private ReconnectingSource(VideoSource first, IngestConfig config, Listener listener) {
        InputLocation location = InputLocation.parse(config.input());
        this.input = config.input();
        this.shown = InputLocation.redact(input);
        this.openTimeout = config.openTimeout();
        this.reconnectFor = config.reconnectFor();
        this.mayReconnect = !location.isFile() && !reconnectFor.isZero();
        this.alwaysLive = location.alwaysLive();
        this.isFile = location.isFile();
        this.listener = listener;
        this.current = first;
        this.info = first.info();
    }

    /** Opens the source once; a source that cannot be opened at start fails at once (most likely a wrong URL). */
    static ReconnectingSource open(IngestConfig config, Listener listener) {
        return new ReconnectingSource(VideoSource.open(config.input(), config.openTimeout()), config, listener);
    }

    SourceInfo info() {
        return info;
    }

    /** Whether this source reconnects; then the end of its data is an outage, not a truncated file. */
    boolean live() {
        return mayReconnect;
    }

    /** The next frame or audio run (timestamps continuous across resumptions), or null when the source is over. */
    Decoded next() {
        while (true) {
            Decoded d = current.next();
            if (d != null) {
                return shifted(d);
            }
            if (!mayReconnect || (current.decodeError() == null && !alwaysLive) || !reconnect()) {
                return null;
            }
        }
    }

    /**
     * Whether reading the input again gives the same frames (a file, or a URL of known length such as a video on
     * a web server), so a restarted ingest can decode it again and skip what was published; otherwise (a camera,
     * a live playlist) a restart can only go on with what the source sends now.
     */
    boolean replayable() {
        return !alwaysLive && (isFile || info.estimatedFrames() > 0);
    }

    /** Continues a timeline an earlier ingest left at {@code ptsMicros}; call before the first {@link #next()}. */
    void continueAt(long ptsMicros) {
        offsetMicros = ptsMicros;
        lastVideoPts = ptsMicros - 1;
    }

    /** Why a live source ended (it dropped and did not come back), or null when it ended normally. */
    String lostReason() {
        return lost;
    }

    /** Why decoding stopped early, from the source as last opened. */
    Exception decodeError() {
        return current.decodeError();
    }


    /** The input as messages show it (no password). */
    String shownInput() {
        return shown;
    }

    private Decoded shifted(Decoded d) {
        if (d instanceof VideoFrame v) {
            long pts = Math.max(v.ptsMicros() + offsetMicros, lastVideoPts + 1);
            lastVideoPts = pts;
            videoFrames++;
            return new VideoFrame(v.rgb(), v.width(), v.height(), pts, v.decodeSeconds());
        }
        AudioSamples a = (AudioSamples) d;
        return new AudioSamples(a.pcm(), a.ptsMicros() + offsetMicros);
    }

    private boolean reconnect() {
        Exception error = current.decodeError();
        String why = error != null ? InputLocation.redact(String.valueOf(error.getMessage()))
                : "the source stopped sending";
        LOG.warn("{} dropped after {} frames ({}); reconnecting for up to {} s", shown, videoFrames, why,
                reconnectFor.toSeconds());
        listener.dropped();
        current.close();
        Backoff backoff = new Backoff(FIRST_BACKOFF, MAX_BACKOFF, reconnectFor);
        while (true) {
            try {
                if (!backoff.pause()) {
                    lost = shown + " dropped after " + videoFrames + " frames (" + why + ") and did not come back "
                            + "within " + reconnectFor.toSeconds() + " s";
                    return false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                lost = shown + " dropped after " + videoFrames + " frames and ingest was interrupted while waiting";
                return false;
            }
            try {
                VideoSource next = VideoSource.open(input, openTimeout);
                String change = formatChange(next.info());
                if (change != null) {
                    next.close();
                    lost = shown + " came back with " + change + " after " + videoFrames + " frames";
                    return false;
                }
                current = next;
                offsetMicros = lastVideoPts + info.frameRate().frameMicros();
                Duration outage = backoff.elapsed();
                LOG.warn("{} is back after {} ms; the stream goes on with a new shot", shown, outage.toMillis());
                listener.resumed(outage);
                return true;
            } catch (IngestFailure e) {
                LOG.debug("{} not back yet: {}", shown, e.getMessage());
            }
        }
    }

    /** What changed in a reopened source that one output stream cannot follow, or null if nothing did. */
    private String formatChange(SourceInfo next) {
        if (next.width() != info.width() || next.height() != info.height()) {
            return "a new frame size " + next.width() + "x" + next.height() + " (was " + info.width() + "x"
                    + info.height() + ")";
        }
        if (next.hasAudio() != info.hasAudio() || next.sampleRate() != info.sampleRate()
                || next.channels() != info.channels()) {
            return "a different audio format";
        }
        return null;
    }

    @Override
    public void close() {
        current.close();
    }
}
