package dev.srp.launcher;

import dev.srp.egress.VideoCodec;
import picocli.CommandLine.Option;

/** How egress encodes the upscaled video. */
final class EncodeOptions {
    @Option(names = "--codec", defaultValue = "h264",
            description = "Output video codec: h264, h265 or ffv1 (lossless, .mkv) (default: ${DEFAULT-VALUE}).")
    String codec;

    @Option(names = "--crf", defaultValue = "18",
            description = "Constant rate factor for h264/h265, 0-51, lower is better (default: ${DEFAULT-VALUE}).")
    int crf;

    @Option(names = "--preset", defaultValue = "medium",
            description = "x264/x265 preset, ultrafast..veryslow (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--hls-window", defaultValue = "0", paramLabel = "SEGMENTS",
            description = "HLS (.m3u8) output: segments the playlist keeps, older ones deleted, for endless live "
                    + "feeds; 0 keeps every segment (default: ${DEFAULT-VALUE}).")
    int hlsWindow;

    VideoCodec videoCodec() {
        try {
            return VideoCodec.valueOf(codec.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new dev.srp.contract.SrpException("unknown codec '" + codec + "'", "use --codec h264, h265 or ffv1");
        }
    }
}
