package dev.srp.worker;

import java.nio.file.Path;

/**
 * Where the models shipped with srp live. x4 is the trained SAMSR fast model (model/configs/fast-x4.json, card in
 * docs/model-card.md); x2 has no trained model yet, so it stays the interim bicubic one
 * (model/export_interim_bicubic.py), named so nobody mistakes it for learned super-resolution.
 */
public final class ModelCatalog {
    /** The default x4 model's file name under {@code models/}. */
    public static final String DEFAULT_X4 = "samsr-fast-x4.pt";

    private ModelCatalog() {
    }

    /** {@code srpHome/models/...} for the scale; the loader reports a scale that is not shipped. */
    public static Path defaultModel(Path srpHome, int scale) {
        Path models = srpHome.resolve("models");
        return scale == 4 ? models.resolve(DEFAULT_X4) : models.resolve("bicubic-x" + scale + "-interim.pt");
    }
}
