package dev.srp.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.srp.contract.ModelSidecar;
import dev.srp.worker.masks.Goldens;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The models srp ships (the default fast x4 and x2, and the quality x4 and x2) give, through DJL's libtorch 2.7, what it
 * gave in Python with torch 1.13 on the golden lr, W and eps' (model/make_parity_goldens.py --shipped). A
 * re-exported model without new goldens fails on the sha256 check first, with the command to run.
 */
class ShippedModelParityIT {
    @Test
    void defaultX4ModelMatchesPython() throws Exception {
        matchesPython(ModelCatalog.defaultModel(Path.of(".."), 4));
    }

    /** The default x2 model: its 12 noise channels are the first of the goldens' 48. */
    @Test
    void defaultX2ModelMatchesPython() throws Exception {
        matchesPython(ModelCatalog.defaultModel(Path.of(".."), 2));
    }

    /** The quality model (for GPUs, chosen with --model models/samsr-quality-x4.pt). */
    @Test
    void qualityX4ModelMatchesPython() throws Exception {
        matchesPython(Path.of("..", "models", "samsr-quality-x4.pt"));
    }

    /** The quality x2 model (chosen with --scale 2 --model models/samsr-quality-x2.pt). */
    @Test
    void qualityX2ModelMatchesPython() throws Exception {
        matchesPython(Path.of("..", "models", "samsr-quality-x2.pt"));
    }

    private static void matchesPython(Path shipped) throws Exception {
        String name = shipped.getFileName().toString().replaceFirst("\\.pt$", "");
        Properties expected = new Properties();
        try (InputStream in = Files.newInputStream(Goldens.DIR.resolve("shipped-" + name + ".properties"))) {
            expected.load(in);
        }
        ModelSidecar sidecar = ModelSidecar.readAndVerify(shipped);
        assertEquals(expected.getProperty("sha256"), sidecar.sha256(), "goldens are for another export of " + name
                + "; run /usr/bin/python3 model/make_parity_goldens.py --out sr-worker/src/test/resources/"
                + "samsr-parity --shipped models/" + name + ".pt");
        assertArrayEquals(Goldens.floats("shipped-" + name + "-hr.f32"), SamsrModelParityIT.forwardOnGoldens(shipped),
                1e-4f);
    }
}
