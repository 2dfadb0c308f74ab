package dev.srp.ingest;

/** What the shot detector decided about one frame. */
public enum Boundary {
    /** The frame continues the current segment. */
    NONE,
    /** The frame starts a new shot: a hard cut, or the end of a fade through black. */
    CUT,
    /** Same shot, but the picture drifted (or the segment grew long): a new segment, so masks are recomputed. */
    REFRESH
}
