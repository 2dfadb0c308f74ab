package dev.srp.worker;

import dev.srp.worker.masks.MaskSet;
import java.util.Objects;

/**
 * One LR frame as handed to the model, with what SAMSR derives its conditioning from: the shot's masks (for W and
 * eps') and the shot's noise seed. Models that take only the LR frame ignore the rest.
 *
 * @param rgb       packed RGB24 pixels
 * @param masks     the shot's masks, or null when masks are off for this worker
 * @param noiseSeed the shot's noise seed; 0 and meaningless when {@code masks} is null
 */
public record UpscaleInput(byte[] rgb, MaskSet masks, long noiseSeed) {
    public UpscaleInput {
        Objects.requireNonNull(rgb, "rgb");
    }

    /** A frame without masks. */
    public static UpscaleInput of(byte[] rgb) {
        return new UpscaleInput(rgb, null, 0);
    }

    public boolean hasMasks() {
        return masks != null;
    }
}
