package dev.srp.worker.masks;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Writes the W-map images of docs/masks/: each PNG is the frame, SAMSR's weight W (black 0, white 1) and the mask
 * count per pixel false-coloured, side by side. Run from the repository root after {@code mvn -q -o -pl sr-worker -am
 * test-compile}: {@code java -cp <test classpath> dev.srp.worker.masks.MaskPreview docs/masks [photo.jpg ...]}.
 */
public final class MaskPreview {
    private static final Path CLIP = Path.of("samples/city-320x180.mp4");
    private static final int[] CLIP_FRAMES = {20, 100, 150};

    private MaskPreview() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/masks");
        Files.createDirectories(out);
        BuiltInMaskGenerator generator = new BuiltInMaskGenerator();
        List<byte[]> frames = SampleFrames.decode(CLIP, CLIP_FRAMES);
        for (int i = 0; i < frames.size(); i++) {
            write(generator, frames.get(i), 320, 180, out.resolve("city-frame" + CLIP_FRAMES[i] + ".png"));
        }
        for (int a = 1; a < args.length; a++) {
            Path photo = Path.of(args[a]);
            String name = photo.getFileName().toString().replaceFirst("\\.[^.]+$", "");
            write(generator, SampleFrames.photo(photo, 320, 180), 320, 180, out.resolve("photo-" + name + ".png"));
        }
    }

    private static void write(MaskGenerator generator, byte[] rgb, int w, int h, Path file) throws IOException {
        MaskSet set = generator.generate(rgb, w, h);
        float[] weight = set.weightMap();
        BufferedImage img = new BufferedImage(2 * w, h, BufferedImage.TYPE_INT_RGB);
        double flat = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = y * w + x;
                int o = p * 3;
                img.setRGB(x, y, (rgb[o] & 0xFF) << 16 | (rgb[o + 1] & 0xFF) << 8 | (rgb[o + 2] & 0xFF));
                int v = Math.round(weight[p] * 255);
                img.setRGB(w + x, y, v << 16 | v << 8 | v);
                flat += weight[p];
            }
        }
        ImageIO.write(img, "png", file.toFile());
        System.out.printf("%s: %d masks, mean W %.3f, %d bytes encoded%n", file, set.count(), flat / (w * h),
                set.encode().length);
    }
}
