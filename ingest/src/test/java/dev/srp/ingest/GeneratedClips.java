package dev.srp.ingest;

import dev.srp.ingest.GeneratedClip.View;
import java.util.List;
import java.util.Random;

/** The generated evaluation set: Ken Burns pans and zooms, hard cuts (some between parts of one photo), a fade, flashes. */
final class GeneratedClips {
    private GeneratedClips() {
    }

    static List<GeneratedClip> all() {
        return List.of(pans(), zooms(), samePhoto(), fade(), flash(), random(11, 30), random(12, 30), random(13, 30));
    }

    /**
     * {@code shots} shots of 15-60 frames with random photos, pans and zooms (a shot may show another part of the
     * previous shot's photo), hard cuts between them, and a flash of 1-3 frames in every fourth shot.
     */
    static GeneratedClip random(long seed, int shots) {
        Random r = new Random(seed);
        GeneratedClip clip = new GeneratedClip("random-" + seed, seed);
        View lastEnd = null;
        String lastPhoto = null;
        for (int s = 0; s < shots; s++) {
            String photo = Photos.NAMES.get(r.nextInt(Photos.NAMES.size()));
            View start = randomView(r);
            // a cut within one photo must move far, or it would not be a cut a viewer sees
            while (photo.equals(lastPhoto) && Math.hypot(start.cx() - lastEnd.cx(), start.cy() - lastEnd.cy()) < 0.35) {
                start = randomView(r);
            }
            double speed = 0.004 * r.nextDouble();
            double angle = 2 * Math.PI * r.nextDouble();
            int frames = 15 + r.nextInt(46);
            double zoomEnd = Math.max(0.25, Math.min(0.9, start.zoom() * (0.7 + 0.6 * r.nextDouble())));
            View end = new View(clamp(start.cx() + Math.cos(angle) * speed * frames),
                    clamp(start.cy() + Math.sin(angle) * speed * frames), zoomEnd);
            int first = clip.frames();
            clip.shot(photo, start, end, frames);
            if (s % 4 == 3 && frames >= 12) {
                clip.flash(first + 4 + r.nextInt(frames - 10), 1 + r.nextInt(3));
            }
            lastPhoto = photo;
            lastEnd = end;
        }
        return clip;
    }

    private static View randomView(Random r) {
        return new View(0.2 + 0.6 * r.nextDouble(), 0.2 + 0.6 * r.nextDouble(), 0.3 + 0.5 * r.nextDouble());
    }

    private static double clamp(double v) {
        return Math.max(0.15, Math.min(0.85, v));
    }

    /** Slow and fast pans over five photos, one hard cut between each. */
    static GeneratedClip pans() {
        return new GeneratedClip("pans", 1)
                .shot("astronaut", new View(0.3, 0.4, 0.5), new View(0.7, 0.5, 0.5), 40)
                .shot("chelsea", new View(0.3, 0.5, 0.6), new View(0.6, 0.5, 0.6), 30)
                .shot("coffee", new View(0.6, 0.4, 0.5), new View(0.4, 0.6, 0.5), 45)
                .shot("rocket", new View(0.5, 0.3, 0.4), new View(0.5, 0.7, 0.4), 35)
                .shot("hubble_deep_field", new View(0.3, 0.3, 0.5), new View(0.7, 0.7, 0.5), 40)
                .shot("astronaut", new View(0.5, 0.3, 0.4), new View(0.5, 0.6, 0.4), 30);
    }

    /** Zooms in and out; the astronaut is zoomed in on twice in a row, a cut between two crops of one photo. */
    static GeneratedClip zooms() {
        return new GeneratedClip("zooms", 2)
                .shot("coffee", new View(0.5, 0.5, 0.9), new View(0.5, 0.45, 0.4), 50)
                .shot("astronaut", new View(0.45, 0.35, 0.3), new View(0.5, 0.5, 0.8), 50)
                .shot("chelsea", new View(0.5, 0.5, 0.5), new View(0.4, 0.4, 0.9), 40)
                .shot("rocket", new View(0.5, 0.5, 0.9), new View(0.5, 0.6, 0.3), 45)
                .shot("astronaut", new View(0.3, 0.7, 0.4), new View(0.3, 0.7, 0.25), 30);
    }

    /** Cuts between distant parts of one photo: the colours barely change, only the layout. */
    static GeneratedClip samePhoto() {
        return new GeneratedClip("same-photo", 3)
                .shot("coffee", new View(0.3, 0.35, 0.4), new View(0.35, 0.35, 0.4), 30)
                .shot("coffee", new View(0.7, 0.65, 0.4), new View(0.65, 0.6, 0.4), 30)
                .shot("chelsea", new View(0.25, 0.5, 0.45), new View(0.3, 0.5, 0.45), 30)
                .shot("chelsea", new View(0.75, 0.45, 0.45), new View(0.7, 0.5, 0.45), 30);
    }

    /** A slow pan fades through black into another photo, then a hard cut. */
    static GeneratedClip fade() {
        return new GeneratedClip("fade", 4)
                .shot("chelsea", new View(0.4, 0.5, 0.6), new View(0.6, 0.5, 0.6), 50)
                .fadeTo("rocket", new View(0.5, 0.4, 0.5), new View(0.5, 0.6, 0.5), 50, 12, 6)
                .shot("coffee", new View(0.5, 0.5, 0.6), new View(0.5, 0.5, 0.5), 30);
    }

    /** Flashes of one, two and three frames inside pans, and one hard cut. */
    static GeneratedClip flash() {
        return new GeneratedClip("flash", 5)
                .shot("astronaut", new View(0.4, 0.4, 0.5), new View(0.6, 0.5, 0.5), 60)
                .shot("coffee", new View(0.4, 0.5, 0.5), new View(0.6, 0.5, 0.5), 60)
                .flash(20, 1)
                .flash(40, 2)
                .flash(75, 3)
                .flash(100, 2);
    }
}
