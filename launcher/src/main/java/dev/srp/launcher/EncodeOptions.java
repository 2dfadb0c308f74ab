package dev.srp.launcher;

import dev.srp.egress.VideoCodec;
import picocli.CommandLine.Option;

/** How egress encodes the upscaled video. */
final class EncodeOptions {
    @Option(names = "--codec", defaultValue = "h264") String codec;
    @Option(names = "--crf", defaultValue = "18") int crf;
    @Option(names = "--preset", defaultValue = "medium") String preset;
    @Option(names = "--hls-window", defaultValue = "0", paramLabel = "SEGMENTS") int hlsWindow;

    VideoCodec videoCodec() {
        try {
            return VideoCodec.valueOf(codec.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new dev.srp.contract.SrpException("unknown codec '" + codec + "'", "use --codec h264, h265 or ffv1");
        }
    }
}
