package dev.srp.ingest;

import dev.srp.ingest.GeneratedClip.View;
import java.util.List;

/** The generated evaluation set: Ken Burns pans and zooms, hard cuts (some between parts of one photo), a fade, flashes. */
final class GeneratedClips {
    private GeneratedClips() {
    }

    static List<GeneratedClip> all() {
        return List.of(pans(), zooms(), samePhoto(), fade(), flash());
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
