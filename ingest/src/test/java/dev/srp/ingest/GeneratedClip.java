package dev.srp.ingest;

import dev.srp.testsupport.FrameIndexPattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A clip generated in memory with known shot boundaries: Ken Burns pans and zooms over photos, joined by hard
 * cuts or a fade through black, with optional flashes, sensor-like noise and the frame-index pattern in the corner.
 * The builder records the truth as it goes, so a test never restates cut frames by hand.
 */
final class GeneratedClip {
    static final int WIDTH = 192;
    static final int HEIGHT = 108;

    /** A true shot boundary: a hard cut has from == to; a fade may be detected anywhere in [from, to]. */
    record Truth(int from, int to) {
    }

    /** Where the crop window is: centre as a share of the photo, and its width as a share of the photo width. */
    record View(double cx, double cy, double zoom) {
    }

    private record Shot(Photos photo, View start, View end, int frames) {
    }

    private final String name;
    private final List<Shot> shots = new ArrayList<>();
    private final List<Truth> truths = new ArrayList<>();
    /** Per frame: shot index, fade gain and flash gain. */
    private final List<int[]> frameShot = new ArrayList<>();
    private final List<double[]> frameGain = new ArrayList<>();
    private final long seed;

    GeneratedClip(String name, long seed) {
        this.name = name;
        this.seed = seed;
    }

    String name() {
        return name;
    }

    List<Truth> truths() {
        return truths;
    }

    int frames() {
        return frameShot.size();
    }

    /** Appends a shot moving from one view to another; a hard cut if it is not the first. */
    GeneratedClip shot(String photo, View start, View end, int frames) {
        if (!frameShot.isEmpty()) {
            truths.add(new Truth(frames(), frames()));
        }
        addShot(photo, start, end, frames, 0);
        return this;
    }

    /** Fades the previous shot out over {@code fade} frames, holds black, fades the new shot in. */
    GeneratedClip fadeTo(String photo, View start, View end, int frames, int fade, int black) {
        int lastShot = shots.size() - 1;
        int from = frames() - fade;
        for (int i = 0; i < fade; i++) {
            frameGain.get(from + i)[0] = 1 - (i + 1) / (double) (fade + 1);
        }
        Shot prev = shots.get(lastShot);
        for (int i = 0; i < black; i++) {
            frameShot.add(new int[] {lastShot, prev.frames() - 1});
            frameGain.add(new double[] {0, 0});
        }
        addShot(photo, start, end, frames, fade);
        truths.add(new Truth(from, from + fade + black + fade - 1));
        return this;
    }

    /** Brightens frames [at, at + length) towards white: a camera flash over unchanged content. */
    GeneratedClip flash(int at, int length) {
        for (int i = 0; i < length; i++) {
            frameGain.get(at + i)[1] = 0.75;
        }
        return this;
    }

    private void addShot(String photo, View start, View end, int frames, int fadeIn) {
        shots.add(new Shot(Photos.load(photo), start, end, frames));
        int s = shots.size() - 1;
        for (int i = 0; i < frames; i++) {
            frameShot.add(new int[] {s, i});
            frameGain.add(new double[] {i < fadeIn ? (i + 1) / (double) (fadeIn + 1) : 1, 0});
        }
    }

    /** The pixels of frame {@code i}: the photo crop, fade and flash gains, noise, then the index pattern. */
    byte[] pixels(int i) {
        int[] fs = frameShot.get(i);
        double[] gain = frameGain.get(i);
        Shot shot = shots.get(fs[0]);
        double t = shot.frames() == 1 ? 0 : fs[1] / (double) (shot.frames() - 1);
        double ease = t * t * (3 - 2 * t);
        double cx = lerp(shot.start().cx(), shot.end().cx(), ease) * shot.photo().width();
        double cy = lerp(shot.start().cy(), shot.end().cy(), ease) * shot.photo().height();
        double cropW = lerp(shot.start().zoom(), shot.end().zoom(), ease) * shot.photo().width();
        double step = cropW / WIDTH;
        Random noise = new Random(seed * 1_000_003L + i);
        byte[] rgb = new byte[WIDTH * HEIGHT * 3];
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                double sx = cx + (x - WIDTH / 2.0) * step;
                double sy = cy + (y - HEIGHT / 2.0) * step;
                int p = (y * WIDTH + x) * 3;
                for (int c = 0; c < 3; c++) {
                    double v = shot.photo().sample(sx, sy, c) * gain[0];
                    v += (255 - v) * gain[1];
                    v += noise.nextGaussian() * 2;
                    rgb[p + c] = (byte) Math.max(0, Math.min(255, Math.round(v)));
                }
            }
        }
        FrameIndexPattern.paint(rgb, WIDTH, i);
        return rgb;
    }

    private static double lerp(double a, double b, double t) {
        return a + (b - a) * t;
    }
}
