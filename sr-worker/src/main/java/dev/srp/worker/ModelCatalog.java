package dev.srp.worker;

import java.nio.file.Path;

/**
 * Where the models shipped with srp live. Until a trained model exists, the shipped models are the interim
 * bicubic ones (model/export_interim_bicubic.py), named so nobody mistakes them for learned super-resolution.
 */
public final class ModelCatalog {
    private ModelCatalog() {
    }

    /** {@code srpHome/models/bicubic-x{scale}-interim.pt}; the loader reports a scale that is not shipped. */
    public static Path defaultModel(Path srpHome, int scale) {
        return srpHome.resolve("models").resolve("bicubic-x" + scale + "-interim.pt");
    }
}
