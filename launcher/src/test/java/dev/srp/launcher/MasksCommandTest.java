package dev.srp.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srp.worker.masks.BuiltInMaskGenerator;
import dev.srp.worker.masks.MaskSet;
import java.awt.image.BufferedImage;
import java.io.DataInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.zip.GZIPInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code srp masks} writes exactly the built-in generator's masks, in a .npy file NumPy can read. */
class MasksCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesTheGeneratorsMasksAsNpy() throws Exception {
        int w = 64;
        int h = 40;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        byte[] rgb = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                // sky above, a textured block in a flat field below: several overlapping masks
                int v = y < 15 ? 0x3060C0 : (x > 20 && x < 45 && y > 22) ? ((x * 37 + y * 11) % 64) * 0x010101 + 0x804020
                        : 0x507030;
                img.setRGB(x, y, v);
                int o = (y * w + x) * 3;
                rgb[o] = (byte) (v >> 16);
                rgb[o + 1] = (byte) (v >> 8);
                rgb[o + 2] = (byte) v;
            }
        }
        Path png = dir.resolve("frame.png");
        ImageIO.write(img, "png", png.toFile());

        assertEquals(0, Srp.run(false, "masks", png.toString(), "--output", dir.resolve("out").toString()));

        MaskSet expected = new BuiltInMaskGenerator().generate(rgb, w, h);
        assertTrue(expected.count() >= 2, "the test picture should give several masks");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(dir.resolve("out/frame.masks.npy.gz")));
             DataInputStream data = new DataInputStream(in)) {
            byte[] magic = data.readNBytes(8);
            assertArrayEquals(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}, magic);
            int headerLength = data.readUnsignedByte() | data.readUnsignedByte() << 8;
            assertEquals(0, (10 + headerLength) % 64, "npy data must start 64-byte aligned");
            String header = new String(data.readNBytes(headerLength), StandardCharsets.US_ASCII);
            assertTrue(header.contains("'shape': (" + expected.count() + ", " + h + ", " + w + ")"), header);
            assertTrue(header.contains("'descr': '|u1'"), header);
            for (BitSet mask : expected.masks()) {
                byte[] plane = data.readNBytes(w * h);
                for (int i = 0; i < w * h; i++) {
                    assertEquals(mask.get(i) ? 1 : 0, plane[i], "pixel " + i);
                }
            }
            assertEquals(-1, data.read(), "nothing after the last mask");
        }
    }

    @Test
    void missingImageIsAUserError() {
        assertEquals(Srp.EXIT_USER_ERROR, Srp.run(false, "masks", dir.resolve("nope.png").toString(), "--out",
                dir.toString()));
    }
}
