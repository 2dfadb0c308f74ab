package dev.srp.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The Java bicubic of late live frames is PyTorch's bicubic: the shipped bicubic TorchScript model, run by DJL. */
class BicubicFallbackIT {
    @Test
    void matchesTorchBicubicWithinOneLevel() {
        int width = 40;
        int height = 24;
        byte[] lr = new byte[width * height * 3];
        new Random(7).nextBytes(lr); // noise: every tap and every edge case counts
        byte[] ours = new BicubicFallback(4).upscale(lr, width, height);
        byte[] torch;
        try (DjlUpscaler model = DjlUpscaler.load(TestFrames.MODEL_X4, 4, 1)) {
            torch = model.upscale(List.of(lr), width, height).get(0);
        }
        assertEquals(torch.length, ours.length);
        int worst = 0;
        long differing = 0;
        for (int i = 0; i < ours.length; i++) {
            int d = Math.abs((ours[i] & 0xff) - (torch[i] & 0xff));
            worst = Math.max(worst, d);
            differing += d > 0 ? 1 : 0;
        }
        assertTrue(worst <= 1, "largest difference " + worst + " levels");
        assertTrue(differing < ours.length / 20, differing + " of " + ours.length + " samples differ by one level");
    }
}
