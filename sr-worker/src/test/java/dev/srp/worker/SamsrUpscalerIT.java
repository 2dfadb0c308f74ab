package dev.srp.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srp.contract.SrpException;
import dev.srp.worker.masks.Goldens;
import dev.srp.worker.masks.MaskSet;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A SAMSR model (inputs lr, weight, noise; the random-weight parity test model) served by DjlUpscaler: W and eps'
 * come from the shot's masks and seed, the same seed gives the same frame, and the worker computes masks for it.
 */
class SamsrUpscalerIT {
    @Test
    void feedsWeightAndShotNoiseFromTheMasks() throws Exception {
        Goldens g = Goldens.load();
        MaskSet masks = g.maskSet();
        byte[] rgb = new byte[g.width * g.height * 3];
        new Random(3).nextBytes(rgb);
        try (DjlUpscaler up = DjlUpscaler.load(Goldens.MODEL, 4, 2)) {
            assertEquals(SamsrConditioning.INPUTS, up.modelInputs());
            assertTrue(MaskSettings.defaults().resolvedFor(up.modelInputs()).mode() == MaskMode.ALWAYS,
                    "masks auto must turn masks on for a SAMSR model");
            List<byte[]> a = up.upscaleInputs(List.of(new UpscaleInput(rgb, masks, 7), new UpscaleInput(rgb, masks,
                    7)), g.width, g.height).stream().map(UpscaledFrame::rgb).toList();
            assertEquals(g.width * 4 * g.height * 4 * 3, a.get(0).length);
            assertArrayEquals(a.get(0), a.get(1), "frames of one shot share their noise");
            byte[] otherShot = up.upscaleInputs(List.of(new UpscaleInput(rgb, masks, 8)), g.width, g.height).get(0).rgb();
            assertFalse(Arrays.equals(a.get(0), otherShot), "another shot draws other noise");
            SrpException e = assertThrows(SrpException.class,
                    () -> up.upscaleInputs(List.of(UpscaleInput.of(rgb)), g.width, g.height));
            assertTrue(e.getMessage().contains("masks"), e.getMessage());
        }
    }
}
