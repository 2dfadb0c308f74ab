package dev.srp.ingest;

import dev.srp.contract.DisplayInfo;
import dev.srp.contract.FrameMessage;
import dev.srp.contract.FrameRate;
import dev.srp.contract.PixelFormat;
import dev.srp.ingest.VideoSource.VideoFrame;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns decoded frames into frame messages with shot ids. Frames wait here until the detector has decided their
 * boundary (it looks a few frames ahead), then leave in order. Each shot and each mask-refresh segment gets a
 * new shot id, so the worker computes masks per id and needs to know nothing about segments, and a segment's
 * frames share one Kafka key.
 */
final class ShotNumbering {
    private final String streamId;
    private final FrameRate rate;
    private final DisplayInfo display;
    private final ShotDetector detector;
    private final IngestMetrics metrics;
    private final ArrayDeque<VideoFrame> waiting = new ArrayDeque<>();
    /** Ordinals of frames that must start a shot whatever the detector says: the first after a source outage. */
    private final ArrayDeque<Long> forcedCuts = new ArrayDeque<>();
    private long added;
    private long frames;
    private long shotId = -1;
    private long shots;
    private long refreshes;

    ShotNumbering(String streamId, FrameRate rate, ShotDetector detector, IngestMetrics metrics) {
        this(streamId, rate, DisplayInfo.NONE, detector, metrics);
    }

    /** Numbers frames that all carry {@code display}. */
    ShotNumbering(String streamId, FrameRate rate, DisplayInfo display, ShotDetector detector,
                  IngestMetrics metrics) {
        this.streamId = streamId;
        this.rate = rate;
        this.display = display;
        this.detector = detector;
        this.metrics = metrics;
    }

    /** Takes the next decoded frame; returns the frames whose shot is now known, in order. */
    List<FrameMessage> add(VideoFrame frame) {
        waiting.addLast(frame);
        added++;
        return release(detector.push(frame.rgb(), frame.width(), frame.height()));
    }

    /** The next frame added starts a new shot (the source dropped and came back: the picture may differ). */
    void markGap() {
        forcedCuts.addLast(added);
    }

    /**
     * Continues a stream an earlier ingest published up to frame {@code nextFrame - 1} in shot {@code lastShotId}:
     * numbering goes on from there, and the first frame starts a new shot (the picture has moved on meanwhile).
     * Call before the first frame.
     */
    void continueAfter(long nextFrame, long lastShotId) {
        frames = nextFrame;
        added = nextFrame;
        shotId = lastShotId;
        forcedCuts.addLast(nextFrame);
    }

    /** The stream ended: every frame still waiting. */
    List<FrameMessage> finish() {
        return release(detector.finish());
    }

    private List<FrameMessage> release(List<Boundary> decisions) {
        List<FrameMessage> out = new ArrayList<>(decisions.size());
        for (Boundary b : decisions) {
            VideoFrame v = waiting.removeFirst();
            boolean forced = !forcedCuts.isEmpty() && forcedCuts.peekFirst() == frames;
            if (forced) {
                forcedCuts.removeFirst();
            }
            if (frames == 0 || b == Boundary.CUT || forced) {
                shotId++;
                shots++;
                metrics.shotStarted();
            } else if (b == Boundary.REFRESH) {
                shotId++;
                refreshes++;
                metrics.refreshSegmentStarted();
            }
            out.add(FrameMessage.frame(streamId, frames, v.ptsMicros(), rate, v.width(), v.height(),
                    PixelFormat.RGB24, shotId, v.rgb(), display));
            frames++;
        }
        return out;
    }

    long frames() {
        return frames;
    }

    /** Shots detected (cuts plus the first), not counting refresh segments. */
    long shots() {
        return shots;
    }

    long refreshSegments() {
        return refreshes;
    }
}
