package dev.srp.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The detector on real footage, decoded with FFmpeg: the sample clip's one hard cut, found on its exact frame. */
class SampleCutIT {
    private static final Path SAMPLE = Path.of(System.getProperty("basedir", "."))
            .resolve("../samples/city-320x180.mp4").normalize();

    @Test
    void findsTheSampleClipsOneCutAtFrame116AndNoOther() {
        assertTrue(Files.isRegularFile(SAMPLE), "sample clip missing: " + SAMPLE);
        SampleClip clip = SampleClip.decode(SAMPLE, Duration.ofSeconds(10));
        assertEquals(190, clip.frames().size());
        List<Boundary> b = CutScore.detect(new ContentShotDetector(ShotConfig.defaults(), clip.rate()),
                clip.frames().size(), clip.frames()::get, clip.width(), clip.height());
        assertEquals(List.of(ShotDetectionBenchmark.SAMPLE_CUT), CutScore.framesWith(b, Boundary.CUT));
        // 4.6 s and 3 s shots of a slow camera: shorter than the 10 s maximum and well under the drift threshold
        assertEquals(List.of(), CutScore.framesWith(b, Boundary.REFRESH));
    }

    @Test
    void aShortMaximumSegmentSplitsTheSampleShotsIntoRefreshSegments() {
        SampleClip clip = SampleClip.decode(SAMPLE, Duration.ofSeconds(10));
        ShotConfig config = new ShotConfig(ShotConfig.DEFAULT_DRIFT, Duration.ZERO, Duration.ofSeconds(2));
        List<Boundary> b = CutScore.detect(new ContentShotDetector(config, clip.rate()),
                clip.frames().size(), clip.frames()::get, clip.width(), clip.height());
        assertEquals(List.of(116), CutScore.framesWith(b, Boundary.CUT));
        assertEquals(List.of(50, 100, 166), CutScore.framesWith(b, Boundary.REFRESH));
    }
}
