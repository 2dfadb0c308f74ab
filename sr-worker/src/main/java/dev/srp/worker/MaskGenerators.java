package dev.srp.worker;

import dev.srp.worker.masks.BuiltInMaskGenerator;
import dev.srp.worker.masks.MaskGenerator;

/** Makes the configured mask generator; one per stream task, since generators need not be thread-safe. */
final class MaskGenerators {
    private MaskGenerators() {
    }

    static MaskGenerator create(MaskGeneratorKind kind) {
        return switch (kind) {
            case BUILTIN -> new BuiltInMaskGenerator();
        };
    }
}
