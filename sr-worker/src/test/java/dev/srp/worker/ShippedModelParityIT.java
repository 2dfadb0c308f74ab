package dev.srp.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srp.contract.ModelSidecar;
import dev.srp.worker.masks.Goldens;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every SAMSR model srp ships in {@code models/} (the defaults fast x4 and x2, the quality models and the lighter
 * fast x4) gives, through DJL's libtorch 2.7, what it gave in Python with torch 1.13 on the golden lr, W and eps'
 * (model/make_parity_goldens.py --shipped). A re-exported model without new goldens fails on the sha256 check first,
 * with the command to run; a newly shipped model without goldens fails for want of them.
 */
class ShippedModelParityIT {
    private static final Path MODELS = Path.of("..", "models");

    static Stream<Path> shippedSamsrModels() throws IOException {
        try (Stream<Path> files = Files.list(MODELS)) {
            List<Path> models = files.filter(p -> p.getFileName().toString().matches("samsr-.*\\.pt")).sorted()
                    .toList();
            assertTrue(models.size() >= 4, "srp ships at least the fast and quality models at x4 and x2: " + models);
            return models.stream();
        }
    }

    @Test
    void theDefaultModelsAreAmongThem() throws IOException {
        List<Path> shipped = shippedSamsrModels().toList();
        for (int scale : new int[] {4, 2}) {
            Path model = ModelCatalog.defaultModel(Path.of(".."), scale);
            assertTrue(shipped.contains(model), "default x" + scale + " " + model + " not in " + shipped);
        }
    }

    /** An x2 model takes 12 noise channels: the first of the goldens' 48. */
    @ParameterizedTest
    @MethodSource("shippedSamsrModels")
    void matchesPython(Path shipped) throws Exception {
        String name = shipped.getFileName().toString().replaceFirst("\\.pt$", "");
        String regenerate = "; run /usr/bin/python3 model/make_parity_goldens.py --out sr-worker/src/test/resources/"
                + "samsr-parity --shipped models/" + name + ".pt";
        Path goldens = Goldens.DIR.resolve("shipped-" + name + ".properties");
        assertTrue(Files.isRegularFile(goldens), "no goldens for " + name + regenerate);
        Properties expected = new Properties();
        try (InputStream in = Files.newInputStream(goldens)) {
            expected.load(in);
        }
        ModelSidecar sidecar = ModelSidecar.readAndVerify(shipped);
        assertEquals(expected.getProperty("sha256"), sidecar.sha256(), "goldens are for another export of " + name
                + regenerate);
        assertArrayEquals(Goldens.floats("shipped-" + name + "-hr.f32"), SamsrModelParityIT.forwardOnGoldens(shipped),
                1e-4f);
    }
}
