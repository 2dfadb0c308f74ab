package dev.srp.ingest;

/**
 * Cuts shots into mask-refresh segments. Masks are computed on a segment's key frame (its first) and reused for
 * the rest, so a segment ends when too much of the picture has changed against that key frame, or when it has
 * run for the maximum length; the minimum length keeps a fast pan from refreshing on every frame.
 */
final class RefreshPolicy {
    private final double driftThreshold;
    private final int minFrames;
    private final int maxFrames;
    private FrameSignature key;
    private int length;

    RefreshPolicy(double driftThreshold, int minFrames, int maxFrames) {
        if (!(driftThreshold > 0 && driftThreshold <= 1) || minFrames < 0 || maxFrames <= minFrames) {
            throw new IllegalArgumentException("refresh policy needs drift in (0, 1] and 0 <= min < max frames;"
                    + " got " + driftThreshold + ", " + minFrames + ", " + maxFrames);
        }
        this.driftThreshold = driftThreshold;
        this.minFrames = minFrames;
        this.maxFrames = maxFrames;
    }

    /**
     * The boundary for the next frame in stream order.
     *
     * @param cut   whether the frame starts a shot
     * @param flash whether the frame is part of a flash: its picture is about to go back, so it neither drifts
     *              nor becomes a key frame (a length refresh waits for the flash to pass)
     */
    Boundary next(FrameSignature frame, boolean cut, boolean flash) {
        if (key == null || cut) {
            boolean first = key == null;
            startSegment(frame);
            return first ? Boundary.NONE : Boundary.CUT;
        }
        boolean drifted = length >= minFrames && !frame.blank() && !key.blank()
                && key.drift(frame) > driftThreshold;
        if (!flash && (drifted || length >= maxFrames)) {
            startSegment(frame);
            return Boundary.REFRESH;
        }
        length++;
        return Boundary.NONE;
    }

    private void startSegment(FrameSignature frame) {
        key = frame;
        length = 1;
    }
}
