package dev.srp.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srp.worker.masks.MaskSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Models get the pixels torch computes, whatever their channel counts, on this machine's libtorch: the worker's
 * first call at a frame size checks libtorch's fast (oneDNN) kernels against its reference kernels. The golden
 * output is torch 1.13's, written by model/make_engine_test_models.py.
 */
class CpuKernelCheckIT {
    private static final Path ENGINE = Path.of("src", "test", "resources", "engine");
    private static final int W = 64;
    private static final int H = 48;

    /**
     * A model as users bring them, with a convolution of 52 input channels: on a CPU whose oneDNN kernels get
     * that wrong (AVX2 and AVX-512 with DJL's libtorch 2.3-2.7) it must still give torch's pixels.
     */
    @Test
    void aConvolutionWithPartlyFilledChannelBlocksGivesThePixelsTorchComputes() throws Exception {
        byte[] lr = Files.readAllBytes(ENGINE.resolve("odd-channels-x4-test.lr.u8"));
        byte[] golden = Files.readAllBytes(ENGINE.resolve("odd-channels-x4-test.hr.u8"));
        boolean reference;
        try (DjlUpscaler up = DjlUpscaler.load(ENGINE.resolve("odd-channels-x4-test.pt"), 4, 2)) {
            for (int call = 0; call < 3; call++) {
                UpscaledFrame out = up.upscale(List.of(lr), W, H).get(0);
                assertTrue(out.finite(), "call " + call);
                assertWithinOneStep(golden, out.rgb(), "call " + call);
            }
            reference = up.onReferenceKernels();
            System.out.println("odd-channels-x4-test on " + (reference ? "libtorch's reference kernels (its oneDNN "
                    + "kernels gave other pixels on this CPU)" : "oneDNN kernels (they agreed on this CPU)"));
        }
        CpuKernels kernels = CpuKernels.ofLoadedEngine().orElseThrow();
        assertTrue(kernels.fast(), "closing the model gives the next one the fast kernels back");
    }

    /** The SAMSR exports take whole channel blocks, so they keep the fast kernels on every CPU. */
    @Test
    void theShippedModelsKeepTheFastKernels() {
        byte[] rgb = new byte[W * H * 3];
        new Random(9).nextBytes(rgb);
        MaskSet masks = new GridTestMaskGenerator(new AtomicInteger()).generate(rgb, W, H);
        for (String name : List.of("samsr-fast-x4", "samsr-lite-x4", "samsr-quality-x4")) {
            try (DjlUpscaler up = DjlUpscaler.load(Path.of("..", "models", name + ".pt"), 4, 2)) {
                UpscaledFrame out = up.upscaleInputs(List.of(new UpscaleInput(rgb, masks, 1)), W, H).get(0);
                assertTrue(out.finite(), name);
                assertFalse(up.onReferenceKernels(), name + " disagreed with the reference kernels");
            }
        }
    }

    private static void assertWithinOneStep(byte[] expected, byte[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        int worst = 0;
        long off = 0;
        for (int i = 0; i < expected.length; i++) {
            int d = Math.abs((expected[i] & 0xff) - (actual[i] & 0xff));
            worst = Math.max(worst, d);
            if (d > 1) {
                off++;
            }
        }
        assertEquals(0, off, what + ": " + off + " of " + expected.length + " values differ from torch's by more than"
                + " one step, by up to " + worst);
    }
}
