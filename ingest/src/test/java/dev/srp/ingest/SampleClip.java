package dev.srp.ingest;

import dev.srp.contract.FrameRate;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Every decoded frame of a video file, in memory: for the detector tests on the repository's sample clip. */
record SampleClip(int width, int height, FrameRate rate, List<byte[]> frames) {

    static SampleClip decode(Path file, Duration timeout) {
        List<byte[]> frames = new ArrayList<>();
        try (VideoSource source = VideoSource.open(file.toString(), timeout)) {
            SourceInfo info = source.info();
            for (VideoSource.Decoded d; (d = source.next()) != null; ) {
                if (d instanceof VideoSource.VideoFrame v) {
                    frames.add(v.rgb());
                }
            }
            return new SampleClip(info.width(), info.height(), info.frameRate(), frames);
        }
    }
}
