package dev.srp.worker.masks.sam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srp.contract.SrpException;
import dev.srp.worker.masks.MaskSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SAM generator through DJL against the SAM-shaped test stand-in (model/sam/export_test_standin.py: SAM's
 * interface, disc masks, no learned weights): the automatic-mask-generation plumbing, not segmentation quality.
 */
class SamMaskGeneratorIT {
    static final Path STANDIN = Path.of("src", "test", "resources", "sam-standin");
    private static final int W = 160;
    private static final int H = 96;

    static byte[] squaresOnGrey() {
        byte[] rgb = new byte[W * H * 3];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int p = (y * W + x) * 3;
                boolean a = x >= 20 && x < 60 && y >= 20 && y < 60;
                boolean b = x >= 100 && x < 140 && y >= 30 && y < 80;
                rgb[p] = (byte) (a ? 220 : b ? 30 : 120);
                rgb[p + 1] = (byte) (a ? 40 : b ? 200 : 120);
                rgb[p + 2] = (byte) (a ? 40 : b ? 60 : 120);
            }
        }
        return rgb;
    }

    @Test
    void generatesOverlappingMasksAtLrResolution() {
        try (SamMaskGenerator sam = SamMaskGenerator.load(STANDIN, AmgSettings.defaults(), 2)) {
            MaskSet set = sam.generate(squaresOnGrey(), W, H);
            assertEquals(W, set.width());
            assertEquals(H, set.height());
            assertTrue(set.count() > 10, "masks: " + set.count());
            int[] cover = new int[W * H];
            for (BitSet m : set.masks()) {
                assertTrue(m.length() <= W * H);
                m.stream().forEach(i -> cover[i]++);
            }
            int overlapped = 0;
            for (int c : cover) {
                overlapped += c >= 2 ? 1 : 0;
            }
            assertTrue(overlapped > 0, "SAM's nested masks must overlap somewhere");
        }
    }

    @Test
    void filtersAreApplied() {
        AmgSettings impossible = new AmgSettings(16, 64, 1.01f, 0.95f, 1.0f, 0.7f, 0.5f);
        try (SamMaskGenerator sam = SamMaskGenerator.load(STANDIN, impossible, 2)) {
            assertEquals(0, sam.generate(squaresOnGrey(), W, H).count());
        }
    }

    @Test
    void refusesAMissingOrTamperedExport(@TempDir Path dir) throws Exception {
        SrpException missing = assertThrows(SrpException.class,
                () -> SamMaskGenerator.load(dir, AmgSettings.defaults(), 1));
        assertTrue(missing.getMessage().contains("sam.properties"), missing.getMessage());
        for (String f : new String[] {"encoder.pt", "decoder.pt", "sam.properties"}) {
            Files.copy(STANDIN.resolve(f), dir.resolve(f));
        }
        byte[] enc = Files.readAllBytes(dir.resolve("encoder.pt"));
        enc[enc.length / 2] ^= 1;
        Files.write(dir.resolve("encoder.pt"), enc);
        SrpException tampered = assertThrows(SrpException.class,
                () -> SamMaskGenerator.load(dir, AmgSettings.defaults(), 1));
        assertTrue(tampered.getMessage().contains("does not match"), tampered.getMessage());
    }
}
