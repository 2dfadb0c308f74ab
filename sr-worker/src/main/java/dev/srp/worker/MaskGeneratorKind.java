package dev.srp.worker;

import java.util.Locale;

/** The segmenters the worker can use; SAM joins when its generator lands. */
public enum MaskGeneratorKind {
    /** Built-in segmenter that needs no weights. */
    BUILTIN;

    public static MaskGeneratorKind parse(String text) {
        for (MaskGeneratorKind kind : values()) {
            if (kind.name().equalsIgnoreCase(text.trim())) {
                return kind;
            }
        }
        throw new IllegalArgumentException("mask generator must be builtin, got '" + text + "'");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
