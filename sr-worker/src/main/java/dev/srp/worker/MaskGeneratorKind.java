package dev.srp.worker;

import java.util.Locale;

/** The segmenters the worker can use. */
public enum MaskGeneratorKind {
    /** Built-in segmenter that needs no weights. */
    BUILTIN,
    /** Segment Anything from a user's TorchScript export (docs/sam.md). */
    SAM;

    public static MaskGeneratorKind parse(String text) {
        for (MaskGeneratorKind kind : values()) {
            if (kind.name().equalsIgnoreCase(text.trim())) {
                return kind;
            }
        }
        throw new IllegalArgumentException("mask generator must be builtin or sam, got '" + text + "'");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
