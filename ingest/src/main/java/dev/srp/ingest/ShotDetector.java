package dev.srp.ingest;

import java.util.List;

/**
 * Decides where shots and mask-refresh segments begin. Stateful: it sees every frame of one stream in order. A
 * detector may look ahead a few frames before deciding (a flash is only known to be one once the picture comes
 * back), so decisions trail the frames: each call returns the decisions that became final, oldest first, and the
 * caller holds its frames until their decision arrives. The first frame's decision is {@link Boundary#NONE}: the
 * caller starts the stream's first shot itself.
 */
public interface ShotDetector {
    /**
     * Feeds the next frame.
     *
     * @param rgb packed RGB24 pixels, {@code width * height * 3} bytes
     * @return decisions for the oldest undecided frames, in order; possibly empty
     */
    List<Boundary> push(byte[] rgb, int width, int height);

    /** The stream ended: decisions for every frame still undecided, in order. */
    List<Boundary> finish();
}
