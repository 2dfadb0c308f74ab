package dev.srp.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Exploration aid: prints per-frame signature distances of the generated clips, or of a video file. */
public final class SignatureDump {
    public static void main(String[] args) {
        if (args.length == 1) {
            List<FrameSignature> sigs = new ArrayList<>();
            try (VideoSource source = VideoSource.open(args[0], Duration.ofSeconds(10))) {
                for (VideoSource.Decoded d; (d = source.next()) != null; ) {
                    if (d instanceof VideoSource.VideoFrame v) {
                        sigs.add(FrameSignature.of(v.rgb(), v.width(), v.height()));
                    }
                }
            }
            print(args[0], sigs);
            return;
        }
        for (GeneratedClip clip : GeneratedClips.all()) {
            List<FrameSignature> sigs = new ArrayList<>();
            for (int i = 0; i < clip.frames(); i++) {
                sigs.add(FrameSignature.of(clip.pixels(i), GeneratedClip.WIDTH, GeneratedClip.HEIGHT));
            }
            print(clip.name() + " " + clip.truths(), sigs);
        }
    }

    private static void print(String title, List<FrameSignature> sigs) {
        System.out.println("== " + title);
        for (int i = 1; i < sigs.size(); i++) {
            FrameSignature prev = sigs.get(i - 1);
            FrameSignature s = sigs.get(i);
            System.out.printf("%3d h=%.3f s=%.3f z=%.3f drift=%.3f range=%.1f mean=%.1f%n", i,
                    prev.histogramDistance(s), prev.spatialDistance(s), prev.structureDistance(s),
                    sigs.get(0).drift(s), s.lumaRange(), s.meanLuma());
        }
    }
}
