package dev.srp.bench;

import dev.srp.contract.SrpException;
import dev.srp.media.RgbFrames;
import dev.srp.worker.OfflineModel;
import dev.srp.worker.masks.MaskSet;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;

/**
 * The built-in generator's masks for still images, written as gzipped NumPy arrays (uint8 [M, h, w], 1 = in the
 * mask): model/ trains on exactly the masks sr-worker computes at inference, so no Python copy of the segmenter has
 * to be kept in step with this one. {@code srp masks} runs it.
 */
public final class TrainingMasks {
    private TrainingMasks() {
    }

    /** Writes OUT/NAME.masks.npy.gz for every PNG/JPEG image among {@code inputs} (files or folders). */
    public static void write(List<Path> inputs, Path out) throws IOException {
        List<Path> images = new ArrayList<>();
        for (Path input : inputs) {
            images.addAll(imagesOf(input));
        }
        Files.createDirectories(out);
        for (Path image : images) {
            BufferedImage img = ImageIO.read(image.toFile());
            if (img == null) {
                throw new SrpException(image + " is not an image ImageIO can read", "give PNG or JPEG files");
            }
            int w = img.getWidth();
            int h = img.getHeight();
            byte[] rgb = RgbFrames.fromImage(img);
            long t0 = System.nanoTime();
            MaskSet set = OfflineModel.builtInMasks(rgb, w, h);
            double ms = (System.nanoTime() - t0) / 1e6;
            String name = image.getFileName().toString().replaceFirst("\\.[^.]+$", "");
            Path file = out.resolve(name + ".masks.npy.gz");
            try (OutputStream os = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16)) {
                writeNpy(os, set);
            }
            System.out.printf(Locale.ROOT, "%s: %dx%d, %d masks in %.1f ms -> %s%n", image, w, h, set.count(), ms,
                    file);
        }
    }

    private static List<Path> imagesOf(Path input) throws IOException {
        if (Files.isDirectory(input)) {
            try (Stream<Path> files = Files.list(input)) {
                return files.filter(p -> p.toString().matches("(?i).*\\.(png|jpe?g)$")).sorted().toList();
            }
        }
        if (!Files.isRegularFile(input)) {
            throw new SrpException(input + " does not exist", "give image files or folders of them");
        }
        return List.of(input);
    }


    /** NumPy .npy format 1.0: magic, header length, a dict header padded to 64 bytes, then C-order data. */
    static void writeNpy(OutputStream os, MaskSet set) {
        try {
            String dict = String.format(Locale.ROOT, "{'descr': '|u1', 'fortran_order': False, 'shape': (%d, %d, %d), }",
                    set.count(), set.height(), set.width());
            int unpadded = 10 + dict.length() + 1;
            String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
            os.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
            os.write(header.length() & 0xFF);
            os.write(header.length() >> 8);
            os.write(header.getBytes(StandardCharsets.US_ASCII));
            byte[] plane = new byte[set.pixels()];
            for (BitSet mask : set.masks()) {
                Arrays.fill(plane, (byte) 0);
                for (int i = mask.nextSetBit(0); i >= 0; i = mask.nextSetBit(i + 1)) {
                    plane[i] = 1;
                }
                os.write(plane);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
