package dev.srp.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.srp.contract.ModelSidecar;
import dev.srp.worker.masks.Goldens;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A SAMSR model exported by model/export.py (random test weights) gives, through DJL's libtorch 2.7, what it gave in
 * Python with torch 1.13 for the same lr, W and eps': the schedule math inside the TorchScript and every layer.
 */
class SamsrModelParityIT {
    @Test
    void djlMatchesPython() throws Exception {
        assertArrayEquals(Goldens.floats("hr.f32"), forwardOnGoldens(Goldens.MODEL), 1e-4f);
    }

    /** 3 x scale^2: an x2 model takes the first 12 of the x4 goldens' 48 channels of eps'. */
    private static int noiseChannels(Path modelFile) {
        int scale = ModelSidecar.readAndVerify(modelFile).scale();
        return 3 * scale * scale;
    }

    private static float[] eps(Path modelFile, Goldens g) throws Exception {
        return Arrays.copyOf(Goldens.floats("eps.f32"), noiseChannels(modelFile) * g.height * g.width);
    }

    /** The model's output through DJL for the golden lr, W and eps'. */
    static float[] forwardOnGoldens(Path modelFile) throws Exception {
        Goldens g = Goldens.load();
        try (Model model = TorchScriptLoader.load(modelFile, "samsr-parity", 2);
             NDManager m = model.getNDManager().newSubManager()) {
            NDList in = new NDList(
                    m.create(Goldens.floats("lr.f32"), new Shape(1, 3, g.height, g.width)),
                    m.create(Goldens.floats("weight.f32"), new Shape(1, 1, g.height, g.width)),
                    m.create(eps(modelFile, g), new Shape(1, noiseChannels(modelFile), g.height, g.width)));
            return model.getBlock().forward(new ParameterStore(m, false), in, false).singletonOrThrow()
                    .toFloatArray();
        }
    }
}
