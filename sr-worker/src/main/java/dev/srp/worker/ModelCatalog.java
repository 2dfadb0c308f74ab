package dev.srp.worker;

import dev.srp.contract.SrpException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Where the models shipped with srp live. The defaults are the trained SAMSR fast models, x4
 * (model/configs/fast-x4.json) and x2 (model/configs/fast-x2.json), card in docs/model-card.md. The interim bicubic
 * models (model/export_interim_bicubic.py) stay shipped for tests and comparisons, but are nobody's default.
 */
public final class ModelCatalog {
    /** The default x4 model's file name under {@code models/}. */
    public static final String DEFAULT_X4 = "samsr-fast-x4.pt";
    /** The default x2 model's file name under {@code models/}. */
    public static final String DEFAULT_X2 = "samsr-fast-x2.pt";

    private ModelCatalog() {
    }

    /** {@code srpHome/models/...} for the scale, whether or not srp ships one. */
    public static Path defaultModel(Path srpHome, int scale) {
        Path models = srpHome.resolve("models");
        return switch (scale) {
            case 4 -> models.resolve(DEFAULT_X4);
            case 2 -> models.resolve(DEFAULT_X2);
            default -> models.resolve("samsr-fast-x" + scale + ".pt");
        };
    }

    /**
     * The shipped model for the scale.
     *
     * @throws SrpException when srp ships no model for the scale, listing the scales it does
     */
    public static Path shippedModel(Path srpHome, int scale) {
        Path model = defaultModel(srpHome, scale);
        if (!Files.isRegularFile(model)) {
            Path models = srpHome.resolve("models");
            SortedSet<Integer> shipped = shippedScales(models);
            String scales = shipped.stream().map(String::valueOf).collect(Collectors.joining(", "));
            throw new SrpException("srp has no built-in model for --scale " + scale
                    + (shipped.isEmpty() ? " (no models found in " + models + ")" : "; built-in scales: " + scales),
                    (shipped.isEmpty() ? "" : "use --scale " + shipped.stream().map(String::valueOf)
                            .collect(Collectors.joining(" or --scale ")) + ", or ")
                            + "pass --model PATH to a x" + scale + " TorchScript model with its .properties sidecar");
        }
        return model;
    }

    /** The scales of the models in {@code models}, read from their sidecars. */
    static SortedSet<Integer> shippedScales(Path models) {
        SortedSet<Integer> scales = new TreeSet<>();
        if (!Files.isDirectory(models)) {
            return scales;
        }
        try (DirectoryStream<Path> sidecars = Files.newDirectoryStream(models, "*.properties")) {
            for (Path sidecar : sidecars) {
                Properties p = new Properties();
                try (InputStream in = Files.newInputStream(sidecar)) {
                    p.load(in);
                }
                String scale = p.getProperty("scale");
                if (scale != null && scale.strip().matches("\\d+")
                        && Files.isRegularFile(models.resolve(sidecar.getFileName().toString()
                                .replaceFirst("\\.properties$", ".pt")))) {
                    scales.add(Integer.parseInt(scale.strip()));
                }
            }
        } catch (IOException e) {
            // an unreadable models directory lists no scales; the error still names the scale asked for
        }
        return scales;
    }
}
