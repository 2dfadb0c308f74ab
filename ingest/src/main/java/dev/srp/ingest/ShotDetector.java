package dev.srp.ingest;

/**
 * Decides where shots begin. Stateful: it sees every frame of one stream in order. The interim implementation is
 * {@link HistogramShotDetector}; a proper detector replaces it behind this interface.
 */
public interface ShotDetector {
    /**
     * Whether this frame starts a new shot; false for the stream's first frame.
     *
     * @param rgb packed RGB24 pixels, {@code width * height * 3} bytes
     */
    boolean startsNewShot(byte[] rgb, int width, int height);
}
