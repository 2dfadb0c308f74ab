package dev.srp.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srp.contract.FrameRate;
import dev.srp.ingest.GeneratedClip.View;
import dev.srp.testsupport.SyntheticClip;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShotDetectorTest {
    private static final FrameRate FPS25 = new FrameRate(25, 1);

    private static List<Boundary> run(GeneratedClip clip) {
        return CutScore.detect(new ContentShotDetector(ShotConfig.defaults(), FPS25), clip.frames(), clip::pixels,
                GeneratedClip.WIDTH, GeneratedClip.HEIGHT);
    }

    private static List<Boundary> run(SyntheticClip clip) {
        return CutScore.detect(new ContentShotDetector(ShotConfig.defaults(), FPS25), clip.frames(), clip::pixels,
                clip.width(), clip.height());
    }

    @Test
    void precisionAndRecallOnTheGeneratedSetAreAtLeast095() {
        CutScore total = new CutScore(0, 0, 0);
        for (GeneratedClip clip : GeneratedClips.all()) {
            List<Integer> cuts = CutScore.framesWith(run(clip), Boundary.CUT);
            CutScore s = CutScore.of(clip.truths(), cuts);
            assertTrue(s.precision() >= 0.95 && s.recall() >= 0.95, clip.name() + ": " + s + " cuts " + cuts
                    + " truths " + clip.truths());
            total = total.plus(s);
        }
        assertTrue(total.truths() >= 15, "enough cuts to measure: " + total);
        assertTrue(total.precision() >= 0.95 && total.recall() >= 0.95, total.toString());
    }

    @Test
    void flashesAreNotCutsAndTheFadeIsOneBoundary() {
        GeneratedClip flash = GeneratedClips.flash();
        assertEquals(List.of(60), CutScore.framesWith(run(flash), Boundary.CUT));
        GeneratedClip fade = GeneratedClips.fade();
        List<Boundary> b = run(fade);
        GeneratedClip.Truth window = fade.truths().get(0);
        long inFade = b.subList(window.from(), window.to() + 1).stream().filter(x -> x != Boundary.NONE).count();
        assertEquals(1, inFade, "boundaries (cuts or refreshes) inside the fade " + window + ": " + b);
    }

    @Test
    void findsExactlyTheHardCutsOfSyntheticClipsDespiteTheIndexPattern() {
        SyntheticClip clip = new SyntheticClip(160, 96, 25, 50, new int[] {20, 35}, false, true);
        List<Boundary> b = run(clip);
        assertEquals(List.of(20, 35), CutScore.framesWith(b, Boundary.CUT));
        assertEquals(List.of(), CutScore.framesWith(b, Boundary.REFRESH), "the moving box is no drift");
        int[] cuts = {6, 12, 18, 24, 30, 36};
        SyntheticClip many = new SyntheticClip(192, 108, 25, 48, cuts, false, true);
        assertEquals(Arrays.stream(cuts).boxed().toList(), CutScore.framesWith(run(many), Boundary.CUT));
    }

    @Test
    void decisionsTrailByTheLookaheadAndCoverEveryFrame() {
        SyntheticClip clip = new SyntheticClip(160, 96, 25, 10, new int[] {5}, false, true);
        ShotDetector d = new ContentShotDetector(ShotConfig.defaults(), FPS25);
        int decided = 0;
        for (int i = 0; i < clip.frames(); i++) {
            decided += d.push(clip.pixels(i), 160, 96).size();
            assertEquals(Math.max(0, i + 1 - ContentShotDetector.LOOKAHEAD), decided, "after frame " + i);
        }
        List<Boundary> rest = d.finish();
        assertEquals(ContentShotDetector.LOOKAHEAD, rest.size());
        assertEquals(List.of(), d.finish());
    }

    @Test
    void staticPictureGetsARefreshAtTheMaximumSegmentLength() {
        GeneratedClip still = new GeneratedClip("still", 7)
                .shot("coffee", new View(0.5, 0.5, 0.6), new View(0.5, 0.5, 0.6), 60);
        ShotConfig config = new ShotConfig(0.35, Duration.ofMillis(400), Duration.ofSeconds(1));
        List<Boundary> b = CutScore.detect(new ContentShotDetector(config, FPS25), still.frames(), still::pixels,
                GeneratedClip.WIDTH, GeneratedClip.HEIGHT);
        assertEquals(List.of(25, 50), CutScore.framesWith(b, Boundary.REFRESH));
        assertEquals(List.of(), CutScore.framesWith(b, Boundary.CUT));
    }

    @Test
    void picturesThatDriftFromTheKeyFrameGetRefreshSegments() {
        GeneratedClip pan = new GeneratedClip("pan", 8)
                .shot("astronaut", new View(0.25, 0.5, 0.35), new View(0.75, 0.5, 0.35), 100);
        List<Boundary> b = run(pan);
        List<Integer> refreshes = CutScore.framesWith(b, Boundary.REFRESH);
        assertTrue(refreshes.size() >= 2 && refreshes.get(0) >= 25, "refreshes " + refreshes);
        assertEquals(List.of(), CutScore.framesWith(b, Boundary.CUT));
    }

    @Test
    void blackFramesAfterAPictureStartAShotOnlyWhenThePictureReturns() {
        SyntheticClip clip = new SyntheticClip(160, 96, 25, 1, new int[0], false, true);
        byte[] picture = clip.pixels(0);
        byte[] black = new byte[picture.length];
        ShotDetector d = new ContentShotDetector(ShotConfig.defaults(), FPS25);
        byte[][] frames = {picture, picture, black, black, black, black, black, picture, picture, picture};
        List<Boundary> b = CutScore.detect(d, frames.length, i -> frames[i], 160, 96);
        assertEquals(List.of(7), CutScore.framesWith(b, Boundary.CUT), "a long black run ends in one cut: " + b);
        ShotDetector d2 = new ContentShotDetector(ShotConfig.defaults(), FPS25);
        byte[][] dropout = {picture, picture, black, picture, picture, picture};
        assertEquals(List.of(), CutScore.framesWith(CutScore.detect(d2, dropout.length, i -> dropout[i], 160, 96),
                Boundary.CUT), "a one-frame dropout to black is no cut");
    }

    @Test
    void rejectsBadConfigAndWrongFrameSize() {
        assertThrows(IllegalArgumentException.class, () -> new ShotConfig(0, Duration.ZERO, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class,
                () -> new ShotConfig(0.3, Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new AdaptiveThreshold(2, 5, 2, 0.2, 0.6));
        ShotDetector detector = new ContentShotDetector(ShotConfig.defaults(), FPS25);
        assertThrows(IllegalArgumentException.class, () -> detector.push(new byte[10], 160, 96));
    }
}
