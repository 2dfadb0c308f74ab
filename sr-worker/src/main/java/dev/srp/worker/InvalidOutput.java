package dev.srp.worker;

import java.util.Optional;

/**
 * Why a frame the model returned cannot go out: it holds NaN or infinite values, or it is one flat colour while its
 * input is not (what a broken engine or an overflowing model gives). Such a frame goes out as its LR pixels for
 * egress to scale bicubically, like a shed live frame.
 */
public enum InvalidOutput {
    NON_FINITE("non_finite", "non-finite values (NaN or infinity)"),
    CONSTANT("constant", "one flat colour for a frame that is not flat");

    private final String label;
    private final String description;

    InvalidOutput(String label, String description) {
        this.label = label;
        this.description = description;
    }

    /** The metric label value. */
    public String label() {
        return label;
    }

    String description() {
        return description;
    }

    /** What is wrong with {@code output}, the model's frame for the packed RGB24 {@code input}, if anything. */
    public static Optional<InvalidOutput> of(UpscaledFrame output, byte[] input) {
        if (!output.finite()) {
            return Optional.of(NON_FINITE);
        }
        if (flat(output.rgb()) && !flat(input)) {
            return Optional.of(CONSTANT);
        }
        return Optional.empty();
    }

    /** Every pixel the same colour; stops at the first one that differs, so a normal frame costs a few pixels. */
    public static boolean flat(byte[] rgb) {
        for (int i = 3; i + 2 < rgb.length; i += 3) {
            if (rgb[i] != rgb[0] || rgb[i + 1] != rgb[1] || rgb[i + 2] != rgb[2]) {
                return false;
            }
        }
        return true;
    }
}
