package dev.srp.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srp.media.SyntheticClip;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShotDetectorTest {

    private static List<Integer> detectedCuts(SyntheticClip clip) {
        ShotDetector detector = new HistogramShotDetector();
        List<Integer> cuts = new ArrayList<>();
        for (int i = 0; i < clip.frames(); i++) {
            if (detector.startsNewShot(clip.pixels(i), clip.width(), clip.height())) {
                cuts.add(i);
            }
        }
        return cuts;
    }

    @Test
    void findsExactlyTheHardCutsOfASyntheticClip() {
        SyntheticClip clip = new SyntheticClip(160, 96, 25, 50, new int[] {20, 35}, false, true);
        assertEquals(List.of(20, 35), detectedCuts(clip));
    }

    @Test
    void findsCutsBetweenEveryPaletteAndIgnoresTheMovingBox() {
        int[] cuts = {6, 12, 18, 24, 30, 36};
        SyntheticClip clip = new SyntheticClip(192, 108, 25, 48, cuts, false, true);
        assertEquals(Arrays.stream(cuts).boxed().toList(), detectedCuts(clip));
    }

    @Test
    void cutsAndMotionAreFarApartFromTheThreshold() {
        SyntheticClip clip = new SyntheticClip(160, 96, 25, 50, new int[] {20, 35}, false, true);
        double maxMotion = 0;
        double minCut = Double.MAX_VALUE;
        for (int i = 1; i < clip.frames(); i++) {
            double d = HistogramShotDetector.distance(
                    HistogramShotDetector.histogram(clip.pixels(i - 1), 160, 96),
                    HistogramShotDetector.histogram(clip.pixels(i), 160, 96));
            if (clip.shotOf(i) != clip.shotOf(i - 1)) {
                minCut = Math.min(minCut, d);
            } else {
                maxMotion = Math.max(maxMotion, d);
            }
        }
        assertTrue(maxMotion < HistogramShotDetector.DEFAULT_THRESHOLD / 2, "motion distance " + maxMotion);
        assertTrue(minCut > HistogramShotDetector.DEFAULT_THRESHOLD * 1.5, "cut distance " + minCut);
    }

    @Test
    void firstFrameAndRepeatedFramesAreNotCuts() {
        SyntheticClip clip = new SyntheticClip(160, 96, 25, 1, new int[0], false, true);
        ShotDetector detector = new HistogramShotDetector();
        byte[] frame = clip.pixels(0);
        assertFalse(detector.startsNewShot(frame, 160, 96));
        assertFalse(detector.startsNewShot(frame, 160, 96));
        byte[] black = new byte[frame.length];
        assertTrue(detector.startsNewShot(black, 160, 96));
    }

    @Test
    void rejectsBadThresholdAndWrongFrameSize() {
        assertThrows(IllegalArgumentException.class, () -> new HistogramShotDetector(0));
        assertThrows(IllegalArgumentException.class, () -> new HistogramShotDetector(2));
        ShotDetector detector = new HistogramShotDetector();
        assertThrows(IllegalArgumentException.class, () -> detector.startsNewShot(new byte[10], 160, 96));
    }
}
