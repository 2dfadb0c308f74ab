package dev.srp.worker;

import dev.srp.worker.masks.BuiltInMaskGenerator;
import dev.srp.worker.masks.MaskGenerator;
import dev.srp.worker.masks.sam.AmgSettings;
import dev.srp.worker.masks.sam.SamMaskGenerator;

/** Makes the configured mask generator; one per stream task, since generators need not be thread-safe. */
public final class MaskGenerators {
    private MaskGenerators() {
    }

    public static MaskGenerator create(MaskSettings settings, int threads) {
        return switch (settings.generator()) {
            case BUILTIN -> new BuiltInMaskGenerator();
            case SAM -> SamMaskGenerator.load(settings.samExport(), AmgSettings.defaults(), threads);
        };
    }
}
