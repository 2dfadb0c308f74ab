package dev.srp.ingest;

import dev.srp.ingest.GeneratedClip.Truth;
import java.util.ArrayList;
import java.util.List;

/**
 * Precision and recall of detected cuts against known boundaries. A detection matches an unmatched truth whose
 * window holds it (a hard cut's window is its one frame); every other detection is a false positive.
 */
record CutScore(int truths, int detections, int matched) {

    static CutScore of(List<Truth> truths, List<Integer> cuts) {
        boolean[] used = new boolean[truths.size()];
        int matched = 0;
        for (int cut : cuts) {
            for (int t = 0; t < truths.size(); t++) {
                if (!used[t] && cut >= truths.get(t).from() && cut <= truths.get(t).to()) {
                    used[t] = true;
                    matched++;
                    break;
                }
            }
        }
        return new CutScore(truths.size(), cuts.size(), matched);
    }

    CutScore plus(CutScore o) {
        return new CutScore(truths + o.truths, detections + o.detections, matched + o.matched);
    }

    double precision() {
        return detections == 0 ? 1 : matched / (double) detections;
    }

    double recall() {
        return truths == 0 ? 1 : matched / (double) truths;
    }

    /** Runs a fresh detector over frames and returns the boundaries it decided, in frame order. */
    static List<Boundary> detect(ShotDetector detector, int frames, java.util.function.IntFunction<byte[]> pixels,
                                 int width, int height) {
        List<Boundary> out = new ArrayList<>(frames);
        for (int i = 0; i < frames; i++) {
            out.addAll(detector.push(pixels.apply(i), width, height));
        }
        out.addAll(detector.finish());
        return out;
    }

    static List<Integer> framesWith(List<Boundary> boundaries, Boundary kind) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < boundaries.size(); i++) {
            if (boundaries.get(i) == kind) {
                out.add(i);
            }
        }
        return out;
    }
}
