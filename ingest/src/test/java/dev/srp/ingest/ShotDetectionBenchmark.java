package dev.srp.ingest;

import dev.srp.contract.FrameRate;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints cut precision and recall per generated clip and for the sample clip's one known cut, plus the refresh
 * segments and the detector's cost per frame. Arguments: the sample clip (default samples/city-320x180.mp4), then
 * any number of seeds for extra random clips (held out from tuning). The command line is in docs/shot-detection.md.
 */
public final class ShotDetectionBenchmark {
    /** samples/city-320x180.mp4 has exactly one hard cut, at frame 116 (4.64 s). */
    static final int SAMPLE_CUT = 116;

    public static void main(String[] args) {
        Path sample = Path.of(args.length > 0 ? args[0] : "samples/city-320x180.mp4");
        CutScore total = new CutScore(0, 0, 0);
        System.out.printf("%-12s %6s %6s %6s %9s %7s %9s  %s%n", "clip", "frames", "truths", "cuts", "precision",
                "recall", "refreshes", "detected cut frames");
        List<GeneratedClip> clips = new ArrayList<>(GeneratedClips.all());
        for (int a = 1; a < args.length; a++) {
            clips.add(GeneratedClips.random(Long.parseLong(args[a]), 30));
        }
        for (GeneratedClip clip : clips) {
            List<byte[]> frames = new ArrayList<>();
            for (int i = 0; i < clip.frames(); i++) {
                frames.add(clip.pixels(i));
            }
            long t0 = System.nanoTime();
            List<Boundary> b = CutScore.detect(new ContentShotDetector(ShotConfig.defaults(), new FrameRate(25, 1)),
                    frames.size(), frames::get, GeneratedClip.WIDTH, GeneratedClip.HEIGHT);
            double msPerFrame = (System.nanoTime() - t0) / 1e6 / frames.size();
            List<Integer> cuts = CutScore.framesWith(b, Boundary.CUT);
            CutScore s = CutScore.of(clip.truths(), cuts);
            total = total.plus(s);
            System.out.printf("%-12s %6d %6d %6d %9.3f %7.3f %9d  %s  (%.2f ms/frame; refreshes at %s)%n",
                    clip.name(), clip.frames(), s.truths(), s.detections(), s.precision(), s.recall(),
                    CutScore.framesWith(b, Boundary.REFRESH).size(), cuts, msPerFrame,
                    CutScore.framesWith(b, Boundary.REFRESH));
        }
        System.out.printf("%-12s %6s %6d %6d %9.3f %7.3f%n", "generated", "", total.truths(), total.detections(),
                total.precision(), total.recall());
        SampleClip city = SampleClip.decode(sample, Duration.ofSeconds(10));
        long t0 = System.nanoTime();
        List<Boundary> b = CutScore.detect(new ContentShotDetector(ShotConfig.defaults(), city.rate()),
                city.frames().size(), city.frames()::get, city.width(), city.height());
        double cityMs = (System.nanoTime() - t0) / 1e6 / city.frames().size();
        List<Integer> cuts = CutScore.framesWith(b, Boundary.CUT);
        CutScore s = CutScore.of(List.of(new GeneratedClip.Truth(SAMPLE_CUT, SAMPLE_CUT)), cuts);
        System.out.printf("%-12s %6d %6d %6d %9.3f %7.3f %9d  %s  refreshes at %s%n", "city-sample",
                city.frames().size(), s.truths(), s.detections(), s.precision(), s.recall(),
                CutScore.framesWith(b, Boundary.REFRESH).size(), cuts, CutScore.framesWith(b, Boundary.REFRESH));
        System.out.printf("detector cost: %.3f ms/frame at %dx%d, %.3f ms/frame at 1920x1080%n", cityMs,
                city.width(), city.height(), msPerFrameAt1080p(city.frames().get(0), city.width(), city.height()));
    }

    /** The signature samples a fixed grid, so its cost should not grow with the frame: time it on a 1080p frame. */
    private static double msPerFrameAt1080p(byte[] small, int w, int h) {
        byte[] big = new byte[1920 * 1080 * 3];
        for (int y = 0; y < 1080; y++) {
            for (int x = 0; x < 1920; x++) {
                System.arraycopy(small, ((y * h / 1080) * w + x * w / 1920) * 3, big, (y * 1920 + x) * 3, 3);
            }
        }
        ContentShotDetector d = new ContentShotDetector(ShotConfig.defaults(), new FrameRate(25, 1));
        int n = 300;
        for (int i = 0; i < 50; i++) {
            d.push(big, 1920, 1080);
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            d.push(big, 1920, 1080);
        }
        return (System.nanoTime() - t0) / 1e6 / n;
    }
}
