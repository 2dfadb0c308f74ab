package dev.srp.worker.masks.sam;

import dev.srp.contract.ModelSidecar;
import dev.srp.contract.SrpException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The sidecar {@code sam.properties} of a SAM export directory, which also holds {@code encoder.pt} and
 * {@code decoder.pt}; both files must hash to what the sidecar says.
 *
 * @param dir        the export directory
 * @param name       shown in logs
 * @param imageSize  side of the square encoder input (1024 for SAM)
 * @param maskSize   side of the decoder's mask logits (256 for SAM)
 * @param pixelMean  per-channel mean subtracted from 0-255 RGB
 * @param pixelStd   per-channel divisor after the mean
 */
public record SamExport(Path dir, String name, int imageSize, int maskSize, float[] pixelMean, float[] pixelStd) {

    public Path encoder() {
        return dir.resolve("encoder.pt");
    }

    public Path decoder() {
        return dir.resolve("decoder.pt");
    }

    public static SamExport read(Path dir) {
        Path sidecar = dir.resolve("sam.properties");
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(sidecar)) {
            p.load(in);
        } catch (IOException e) {
            throw new SrpException("cannot read SAM export sidecar " + sidecar + ": " + e,
                    "point the SAM mask generator at a directory with encoder.pt, decoder.pt and sam.properties "
                            + "(see docs/sam.md)", e);
        }
        if (!"1".equals(p.getProperty("format"))) {
            throw invalid(sidecar, "format must be 1");
        }
        SamExport export = new SamExport(dir, p.getProperty("name", "sam"), intOf(p, "image_size", sidecar),
                intOf(p, "mask_size", sidecar), floats(p, "pixel_mean", sidecar), floats(p, "pixel_std", sidecar));
        verify(export.encoder(), p.getProperty("encoder_sha256"), sidecar);
        verify(export.decoder(), p.getProperty("decoder_sha256"), sidecar);
        return export;
    }

    private static void verify(Path file, String expected, Path sidecar) {
        if (!Files.isRegularFile(file)) {
            throw new SrpException("SAM export file " + file + " is missing", "export it as docs/sam.md shows");
        }
        String actual = ModelSidecar.sha256(file);
        if (expected == null || !expected.equalsIgnoreCase(actual)) {
            throw new SrpException("SAM export file " + file + " does not match " + sidecar + " (sha256 " + actual
                    + ")", "re-export the model so files and sidecar agree");
        }
    }

    private static int intOf(Properties p, String key, Path sidecar) {
        try {
            return Integer.parseInt(p.getProperty(key, "").trim());
        } catch (NumberFormatException e) {
            throw invalid(sidecar, key + " must be an integer");
        }
    }

    private static float[] floats(Properties p, String key, Path sidecar) {
        String[] parts = p.getProperty(key, "").split(",");
        if (parts.length != 3) {
            throw invalid(sidecar, key + " must hold three comma-separated numbers");
        }
        float[] v = new float[3];
        for (int i = 0; i < 3; i++) {
            try {
                v[i] = Float.parseFloat(parts[i].trim());
            } catch (NumberFormatException e) {
                throw invalid(sidecar, key + " must hold three comma-separated numbers");
            }
        }
        return v;
    }

    private static SrpException invalid(Path sidecar, String what) {
        return new SrpException("SAM export sidecar " + sidecar + " is invalid: " + what, "see docs/sam.md");
    }
}
