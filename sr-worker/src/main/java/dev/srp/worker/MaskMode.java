package dev.srp.worker;

import java.util.List;
import java.util.Locale;

/** Whether the worker computes per-shot semantic masks and noise seeds for the model. */
public enum MaskMode {
    /** Never: the model sees the LR frame only. */
    OFF,
    /** Only for a model whose sidecar asks for more than the LR frame; the interim bicubic model does not. */
    AUTO,
    /** Always, even when the model ignores them: for tests and for measuring the mask cache. */
    ALWAYS;

    /** @param modelInputs the forward() inputs the model's sidecar lists, "lr" first */
    public boolean enabledFor(List<String> modelInputs) {
        return switch (this) {
            case OFF -> false;
            case ALWAYS -> true;
            // anything beyond "lr" (a weight map, a noise map) is derived from masks
            case AUTO -> modelInputs.size() > 1;
        };
    }

    /** Parses "off", "auto" or "always", any case. */
    public static MaskMode parse(String text) {
        for (MaskMode mode : values()) {
            if (mode.name().equalsIgnoreCase(text.trim())) {
                return mode;
            }
        }
        throw new IllegalArgumentException("mask mode must be off, auto or always, got '" + text + "'");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
