package dev.srp.ingest;

import dev.srp.contract.FrameRate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Content-based shot detector. A frame is a hard cut when its distance to the previous frame (colour and luma
 * histograms plus a motion-tolerant coarse layout, see {@link FrameSignature}) rises above an adaptive threshold
 * ({@link AdaptiveThreshold}) AND the layout or the colours really changed, not just the brightness: a fade
 * dims a picture without changing its standardised layout or its hues. Two further rules:
 * <ul>
 *   <li>Flashes: a candidate is dropped when the picture before it comes back within {@value #LOOKAHEAD} frames
 *       (or, for the frame where it comes back, when it matches a frame before the spike). Decisions therefore
 *       trail the input by {@value #LOOKAHEAD} frames.</li>
 *   <li>Fades: blank frames (black or white) never cut; the first frame after a run of them starts a new shot,
 *       so a fade through black is one boundary. A run no longer than the lookahead that returns to the picture
 *       it left is a dropout, not a boundary.</li>
 * </ul>
 * Long shots are then cut into mask-refresh segments by {@link RefreshPolicy}.
 */
public final class ContentShotDetector implements ShotDetector {
    static final int LOOKAHEAD = 3;
    /** Recent within-shot distances the threshold adapts to: two seconds at 25 fps. */
    static final int WINDOW = 50;
    static final double DEVIATIONS = 5;
    static final double RATIO = 2;
    static final double FLOOR = 0.08;
    static final double CEILING = 0.6;
    /** Standardised layout change (sigmas per grid cell) or hue change that makes a candidate a real change. */
    static final double MIN_STRUCTURE = 0.18;
    /**
     * A picture "comes back" after a spike when its distance to the frame before the spike is under this share
     * of the spike's jump (or under the cut threshold): relative, because the frames being compared lie several
     * frames apart and a pan moves on meanwhile.
     */
    static final double RETURN_SHARE = 0.5;
    static final double MIN_COLOUR = 0.5;
    /** Below this mean luma most pixels are too dark for a trustworthy hue, so a colour change alone is no cut. */
    static final double MIN_COLOUR_LUMA = 40;

    private final AdaptiveThreshold threshold = new AdaptiveThreshold(WINDOW, DEVIATIONS, RATIO, FLOOR,
            CEILING);
    private final RefreshPolicy refresh;
    /** Signatures from frame {@code base} on: enough history for the flash rules plus the undecided frames. */
    private final List<FrameSignature> frames = new ArrayList<>();
    private long base;
    private long pushed;
    private long decided;
    /** Frames before this index belong to a flash: never a refresh key frame, never a drift test. */
    private long flashUntil = -1;
    private long blankSince = -1;

    public ContentShotDetector(ShotConfig config, FrameRate rate) {
        Objects.requireNonNull(config, "config");
        double fps = rate.numerator() / (double) rate.denominator();
        refresh = new RefreshPolicy(config.driftThreshold(), ShotConfig.frames(config.minSegment(), fps),
                ShotConfig.frames(config.maxSegment(), fps));
    }

    @Override
    public List<Boundary> push(byte[] rgb, int width, int height) {
        frames.add(FrameSignature.of(rgb, width, height));
        pushed++;
        List<Boundary> out = new ArrayList<>(1);
        while (decided + LOOKAHEAD < pushed) {
            out.add(decideNext());
        }
        return out;
    }

    @Override
    public List<Boundary> finish() {
        List<Boundary> out = new ArrayList<>(LOOKAHEAD);
        while (decided < pushed) {
            out.add(decideNext());
        }
        return out;
    }

    private Boundary decideNext() {
        long i = decided++;
        boolean cut = isCut(i);
        Boundary b = refresh.next(at(i), cut, i < flashUntil);
        // keep LOOKAHEAD + 1 frames of history for the flash rule's look back
        while (base < decided - LOOKAHEAD - 1) {
            frames.remove(0);
            base++;
        }
        return b;
    }

    private FrameSignature at(long i) {
        return frames.get((int) (i - base));
    }

    private boolean isCut(long i) {
        FrameSignature frame = at(i);
        if (frame.blank()) {
            if (blankSince < 0) {
                blankSince = i;
            }
            return false;
        }
        if (i == flashUntil) {
            // the picture a recognised flash interrupted is back
            blankSince = -1;
            return false;
        }
        if (blankSince >= 0) {
            return leavesBlankRun(i, frame);
        }
        if (i == 0) {
            return false;
        }
        FrameSignature prev = at(i - 1);
        double d = distance(prev, frame);
        double t = threshold.value();
        if (d <= t) {
            threshold.add(d);
            return false;
        }
        boolean colourChanged = Math.min(prev.meanLuma(), frame.meanLuma()) >= MIN_COLOUR_LUMA
                && prev.colourDistance(frame) >= MIN_COLOUR;
        boolean changed = colourChanged || prev.structureDistance(frame) >= MIN_STRUCTURE;
        if (!changed) {
            // brightness-only or small change: ordinary within-shot motion the threshold must learn, or a shot
            // that starts busier than the last would stay stuck at the old level
            threshold.add(d);
            return false;
        }
        double same = Math.max(t, RETURN_SHARE * d);
        long back = pictureReturns(i, prev, same);
        if (back >= 0) {
            flashUntil = back;
            return false;
        }
        return !returnsToEarlier(i, frame, same);
    }

    /** The first frame after blank ones starts a shot, unless the blanks were a short dropout in one picture. */
    private boolean leavesBlankRun(long i, FrameSignature frame) {
        long run = i - blankSince;
        blankSince = -1;
        if (i == run || run > LOOKAHEAD) {
            return true;
        }
        double same = Math.max(threshold.value(), RETURN_SHARE * distance(at(i - 1), frame));
        return !returnsToEarlier(i, frame, same);
    }

    /**
     * The first frame in the lookahead that looks like the frame before the candidate (so the candidate started a
     * flash), or -1.
     */
    private long pictureReturns(long i, FrameSignature prev, double t) {
        for (long k = i + 1; k <= i + LOOKAHEAD && k < pushed; k++) {
            if (distance(prev, at(k)) <= t) {
                return k;
            }
        }
        return -1;
    }

    /** The candidate looks like a frame from before a short spike: it ends a flash rather than starting a shot. */
    private boolean returnsToEarlier(long i, FrameSignature frame, double t) {
        for (long k = i - 2; k >= i - LOOKAHEAD - 1 && k >= base; k--) {
            FrameSignature earlier = at(k);
            if (!earlier.blank() && distance(earlier, frame) <= t) {
                return true;
            }
        }
        return false;
    }

    /** The cut score: colour/luma histogram change and motion-tolerant layout change, each in [0, 1]. */
    static double distance(FrameSignature a, FrameSignature b) {
        return (a.histogramDistance(b) + a.spatialDistance(b)) / 2;
    }
}
