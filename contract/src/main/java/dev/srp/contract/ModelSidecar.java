package dev.srp.contract;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;

/**
 * The model contract: what a TorchScript file promises, read from the {@code NAME.properties} file beside
 * {@code NAME.pt}. The worker refuses a model whose file does not hash to {@code sha256} or whose promises it
 * cannot keep (scale, layout, value range, colour order, inputs).
 *
 * @param name        short model name, shown in metrics and logs
 * @param version     model version
 * @param scale       upscaling factor: output is scale x input in both dimensions
 * @param layout      tensor layout of input and output, "NCHW"
 * @param channels    channel count of input and output, 3
 * @param colourOrder "RGB"
 * @param valueMin    value of a black pixel (0)
 * @param valueMax    value of a full-intensity pixel (1)
 * @param inputs      names of the forward() inputs in order; "lr" is the low-resolution batch
 * @param sha256      hex SHA-256 of the TorchScript file
 * @param description a human description (what it is, how it was made)
 */
public record ModelSidecar(String name, String version, int scale, String layout, int channels, String colourOrder,
                           double valueMin, double valueMax, List<String> inputs, String sha256,
                           String description) {
    public static final String FORMAT = "1";

    public static Path sidecarOf(Path modelFile) {
        String file = modelFile.getFileName().toString();
        String base = file.endsWith(".pt") ? file.substring(0, file.length() - 3) : file;
        return modelFile.resolveSibling(base + ".properties");
    }

    /** Reads and checks the sidecar of {@code modelFile}, including the file's hash. */
    public static ModelSidecar readAndVerify(Path modelFile) {
        if (!Files.isRegularFile(modelFile)) {
            throw new SrpException("model file " + modelFile + " does not exist",
                    "pass --model PATH to a TorchScript .pt file with its .properties sidecar, or omit --model");
        }
        Path sidecarFile = sidecarOf(modelFile);
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(sidecarFile)) {
            p.load(in);
        } catch (NoSuchFileException e) {
            throw new SrpException("model sidecar " + sidecarFile + " is missing",
                    "every model needs NAME.properties beside NAME.pt (see docs/model-contract.md)");
        } catch (IOException e) {
            throw new SrpException("cannot read model sidecar " + sidecarFile + ": " + e.getMessage(),
                    "check the file's permissions", e);
        }
        ModelSidecar s = parse(p, sidecarFile);
        String actual = sha256(modelFile);
        if (!actual.equalsIgnoreCase(s.sha256)) {
            throw new SrpException("model file " + modelFile + " does not match its sidecar (sha256 " + actual
                    + ", sidecar says " + s.sha256 + ")",
                    "re-export the model so file and sidecar agree, or restore the shipped file");
        }
        return s;
    }

    static ModelSidecar parse(Properties p, Path source) {
        String format = require(p, "format", source);
        if (!FORMAT.equals(format)) {
            throw invalid(source, "format " + format + " is not supported (this build reads format " + FORMAT + ")");
        }
        ModelSidecar s = new ModelSidecar(require(p, "name", source), require(p, "version", source),
                intOf(p, "scale", source), require(p, "layout", source), intOf(p, "channels", source),
                require(p, "colour_order", source), doubleOf(p, "value_min", source), doubleOf(p, "value_max", source),
                List.of(require(p, "inputs", source).split("\\s*,\\s*")), require(p, "sha256", source),
                p.getProperty("description", ""));
        if (s.scale < 1 || s.scale > 8) {
            throw invalid(source, "scale " + s.scale + " is outside 1..8");
        }
        if (!"NCHW".equals(s.layout)) {
            throw invalid(source, "layout " + s.layout + " is not supported (NCHW only)");
        }
        if (s.channels != 3 || !"RGB".equals(s.colourOrder)) {
            throw invalid(source, "only 3-channel RGB models are supported, got " + s.channels + " " + s.colourOrder);
        }
        if (s.valueMin != 0.0 || s.valueMax != 1.0) {
            throw invalid(source, "value range " + s.valueMin + ".." + s.valueMax + " is not supported (0..1 only)");
        }
        if (s.inputs.isEmpty() || !"lr".equals(s.inputs.get(0))) {
            throw invalid(source, "inputs " + s.inputs + " must start with lr");
        }
        return s;
    }

    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                d.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (IOException e) {
            throw new SrpException("cannot read model file " + file + ": " + e.getMessage(),
                    "check the path and permissions", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String require(Properties p, String key, Path source) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            throw invalid(source, "required key '" + key + "' is missing");
        }
        return v.trim();
    }

    private static int intOf(Properties p, String key, Path source) {
        try {
            return Integer.parseInt(require(p, key, source));
        } catch (NumberFormatException e) {
            throw invalid(source, key + " is not an integer");
        }
    }

    private static double doubleOf(Properties p, String key, Path source) {
        try {
            return Double.parseDouble(require(p, key, source));
        } catch (NumberFormatException e) {
            throw invalid(source, key + " is not a number");
        }
    }

    private static SrpException invalid(Path source, String what) {
        return new SrpException("model sidecar " + source + " is invalid: " + what,
                "fix the sidecar or re-export the model (see docs/model-contract.md)");
    }
}
