package dev.srp.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.srp.worker.masks.Goldens;
import java.nio.file.Path;
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

    /** The model's output through DJL for the golden lr, W and eps'. */
    static float[] forwardOnGoldens(Path modelFile) throws Exception {
        Goldens g = Goldens.load();
        try (Model model = TorchScriptLoader.load(modelFile, "samsr-parity", 2);
             NDManager m = model.getNDManager().newSubManager()) {
            NDList in = new NDList(
                    m.create(Goldens.floats("lr.f32"), new Shape(1, 3, g.height, g.width)),
                    m.create(Goldens.floats("weight.f32"), new Shape(1, 1, g.height, g.width)),
                    m.create(Goldens.floats("eps.f32"), new Shape(1, g.channels, g.height, g.width)));
            return model.getBlock().forward(new ParameterStore(m, false), in, false).singletonOrThrow()
                    .toFloatArray();
        }
    }
}
