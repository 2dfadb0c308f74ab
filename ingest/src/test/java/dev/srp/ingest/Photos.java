package dev.srp.ingest;

import dev.srp.media.RgbFrames;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;

/** The small test photos under src/test/resources/photos (licences in the README there), as packed RGB24. */
record Photos(int width, int height, byte[] rgb) {
    static final List<String> NAMES = List.of("astronaut", "chelsea", "coffee", "rocket", "hubble_deep_field");

    static Photos load(String name) {
        try (InputStream in = Photos.class.getResourceAsStream("/photos/" + name + ".jpg")) {
            if (in == null) {
                throw new IllegalArgumentException("no test photo " + name);
            }
            BufferedImage img = ImageIO.read(in);
            return new Photos(img.getWidth(), img.getHeight(), RgbFrames.fromImage(img));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Bilinear sample of channel {@code c} at a fractional position, clamped to the picture. */
    double sample(double x, double y, int c) {
        double fx = Math.max(0, Math.min(width - 1.001, x));
        double fy = Math.max(0, Math.min(height - 1.001, y));
        int x0 = (int) fx;
        int y0 = (int) fy;
        double ax = fx - x0;
        double ay = fy - y0;
        double top = at(x0, y0, c) * (1 - ax) + at(x0 + 1, y0, c) * ax;
        double bottom = at(x0, y0 + 1, c) * (1 - ax) + at(x0 + 1, y0 + 1, c) * ax;
        return top * (1 - ay) + bottom * ay;
    }

    private int at(int x, int y, int c) {
        return rgb[(y * width + x) * 3 + c] & 0xff;
    }
}
