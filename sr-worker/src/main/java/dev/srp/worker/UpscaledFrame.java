package dev.srp.worker;

import java.util.Objects;

/**
 * One frame as the model returned it.
 *
 * @param rgb    packed RGB24 pixels, {@code scale} times the input size (a non-finite value became 0)
 * @param finite whether every value the model returned for this frame was a finite number
 */
public record UpscaledFrame(byte[] rgb, boolean finite) {
    public UpscaledFrame {
        Objects.requireNonNull(rgb, "rgb");
    }
}
