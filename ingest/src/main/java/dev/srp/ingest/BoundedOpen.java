package dev.srp.ingest;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Opens a network source within its open timeout. FFmpeg's own timeouts bound each socket read, but the grabber
 * tries the open a second time when the first fails, so a server that accepts and never answers held srp for twice
 * the timeout. The open runs on a helper thread; one that is given up on releases its grabber whenever FFmpeg
 * returns (its own timeouts end it).
 */
final class BoundedOpen {
    /** The open did not finish within the timeout. */
    static final class TimedOut extends Exception {
        TimedOut() {
            super(null, null, false, false);
        }
    }

    /** Slack over the timeout, for a source that answers right at its end. */
    private static final Duration GRACE = Duration.ofMillis(250);

    private final FFmpegFrameGrabber grabber;
    private boolean finished;
    private boolean abandoned;

    private BoundedOpen(FFmpegFrameGrabber grabber) {
        this.grabber = grabber;
    }

    static void start(FFmpegFrameGrabber grabber, Duration timeout) throws FrameGrabber.Exception, TimedOut {
        BoundedOpen open = new BoundedOpen(grabber);
        CompletableFuture<Void> started = new CompletableFuture<>();
        Thread opener = new Thread(() -> open.run(started), "srp-open-source");
        opener.setDaemon(true);
        opener.start();
        try {
            started.get(timeout.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            open.abandon();
            throw new TimedOut();
        } catch (InterruptedException e) {
            open.abandon();
            Thread.currentThread().interrupt();
            throw new FrameGrabber.Exception("interrupted while opening the source", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof FrameGrabber.Exception f) {
                throw f;
            }
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private void run(CompletableFuture<Void> started) {
        try {
            grabber.start();
            started.complete(null);
        } catch (Throwable t) {
            started.completeExceptionally(t);
        }
        synchronized (this) {
            finished = true;
            if (abandoned) {
                VideoSource.closeQuietly(grabber);
            }
        }
    }

    private synchronized void abandon() {
        abandoned = true;
        if (finished) {
            VideoSource.closeQuietly(grabber);
        }
    }
}
