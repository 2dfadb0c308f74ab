package dev.srp.egress;

import dev.srp.contract.KafkaConnection;
import dev.srp.contract.SrpException;
import dev.srp.media.UrlCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Egress settings, checked when built so a bad output path fails before any frame is consumed.
 *
 * @param kafka            bootstrap servers, topics, size limits and TLS/SASL settings of egress's Kafka clients
 * @param groupId          consumer group; its committed offsets decide what a restarted egress re-reads
 * @param outputTemplate   output path or push URL; {@value #STREAM_PLACEHOLDER} is replaced by the stream id, so one
 *                         egress can serve many streams. The extension picks the container: .mp4, .mkv, .mov or
 *                         .m3u8 (HLS); an rtmp://, rtmps:// or rtsp:// URL pushes the live stream to that server
 * @param codec            video encoder
 * @param crf              constant rate factor 0..51 for H.264/H.265 (ignored by FFV1)
 * @param preset           x264/x265 speed preset, e.g. "veryfast" (ignored by FFV1)
 * @param maxBufferedBytes serialised out-of-order frames kept in memory before further ones spill to disk
 * @param spillDir         directory for spilled frames; created if missing
 * @param hlsWindow        HLS output only: segments the playlist keeps, older ones deleted (a rolling live
 *                         window for an endless feed); 0 keeps every segment
 * @param liveGapTimeout   live outputs only (HLS, push): how long a missing frame is waited for before the stream
 *                         goes on without it; longer than a worker failover (about 50 s), so a crash loses nothing
 */
public record EgressConfig(KafkaConnection kafka, String groupId, String outputTemplate, VideoCodec codec, int crf,
                           String preset, long maxBufferedBytes, Path spillDir, int hlsWindow,
                           Duration liveGapTimeout) {
    public static final String STREAM_PLACEHOLDER = "{stream}";
    public static final Duration DEFAULT_LIVE_GAP_TIMEOUT = Duration.ofSeconds(60);

    public EgressConfig {
        Objects.requireNonNull(kafka, "kafka");
        requireText(groupId, "groupId", "pass a consumer group id, e.g. srp-egress");
        requireText(outputTemplate, "outputTemplate", "pass an output path such as out/{stream}.mp4");
        if (codec == null) {
            throw new SrpException("egress config: codec is missing", "choose one of H264, H265, FFV1");
        }
        codec.encoderName(); // at start-up, not when the first stream opens: a build without the codec says so now
        if (crf < 0 || crf > 51) {
            throw new SrpException("egress config: crf " + crf + " is outside 0..51",
                    "use 18-23 for visually lossless H.264/H.265, lower is better quality");
        }
        if (!codec.lossless()) {
            requireText(preset, "preset", "use an x264/x265 preset such as veryfast, medium or slow");
        }
        if (maxBufferedBytes <= 0) {
            throw new SrpException("egress config: maxBufferedBytes " + maxBufferedBytes + " must be positive",
                    "allow e.g. 268435456 (256 MiB) of out-of-order frames in memory");
        }
        if (liveGapTimeout == null || liveGapTimeout.isNegative() || liveGapTimeout.isZero()) {
            throw new SrpException("egress config: liveGapTimeout " + liveGapTimeout + " is not positive",
                    "wait e.g. PT60S for a missing frame of a live stream before going on without it");
        }
        if (hlsWindow < 0) {
            throw new SrpException("egress config: hlsWindow " + hlsWindow + " is negative",
                    "use 0 to keep every HLS segment, or e.g. 6 for a rolling 12 s window");
        }
        requireSupportedOutput(outputTemplate);
        Container container = containerOf(outputTemplate);
        String shown = UrlCredentials.redact(outputTemplate);
        if (container.pushed() && codec != VideoCodec.H264) {
            // FLV has no standard H.265 (enhanced RTMP is not yet common in servers); FFV1 is for archives
            throw new SrpException("egress config: pushed output " + shown + " cannot carry " + codec + " video",
                    "push H.264 (--codec h264), or write " + codec + " to a file");
        }
        if (codec == VideoCodec.FFV1 && container != Container.MKV) {
            throw new SrpException("egress config: output " + shown + " cannot hold FFV1 video",
                    "FFV1 is written to Matroska only: use a .mkv output, or choose H264/H265");
        }
        if (!container.pushed()) {
            checkWritableDirectory(existingOutputDirectory(outputTemplate), "output directory of " + outputTemplate);
        }
        if (spillDir == null) {
            throw new SrpException("egress config: spillDir is missing", "pass a directory for spilled frames");
        }
        createDirectory(spillDir);
        checkWritableDirectory(spillDir, "spill directory");
    }

    /** With the default wait for a live stream's missing frame ({@link #DEFAULT_LIVE_GAP_TIMEOUT}). */
    public EgressConfig(KafkaConnection kafka, String groupId, String outputTemplate, VideoCodec codec, int crf,
                        String preset, long maxBufferedBytes, Path spillDir, int hlsWindow) {
        this(kafka, groupId, outputTemplate, codec, crf, preset, maxBufferedBytes, spillDir, hlsWindow,
                DEFAULT_LIVE_GAP_TIMEOUT);
    }

    /** This configuration waiting {@code timeout} for a live stream's missing frame. */
    public EgressConfig withLiveGapTimeout(Duration timeout) {
        return new EgressConfig(kafka, groupId, outputTemplate, codec, crf, preset, maxBufferedBytes, spillDir,
                hlsWindow, timeout);
    }

    /** Every HLS segment kept ({@code hlsWindow} 0). */
    public EgressConfig(KafkaConnection kafka, String groupId, String outputTemplate, VideoCodec codec, int crf,
                        String preset, long maxBufferedBytes, Path spillDir) {
        this(kafka, groupId, outputTemplate, codec, crf, preset, maxBufferedBytes, spillDir, 0);
    }

    /**
     * Whether egress writes this output in place while it grows (HLS, or a push to a server) rather than under a
     * temporary name renamed when complete; a launcher staging the output must not stage such a one.
     */
    public static boolean writesInPlace(String output) {
        Container c = Container.of(output);
        return c != null && c.live();
    }

    /** Whether this output is a URL egress pushes to, not a file. */
    public static boolean isPushed(String output) {
        Container c = Container.of(output);
        return c != null && c.pushed();
    }

    Container container() {
        return containerOf(outputTemplate);
    }

    /** The output file or URL of one stream; characters that could escape the directory are replaced. */
    String outputFor(String streamId) {
        return outputTemplate.replace(STREAM_PLACEHOLDER, safeFileName(streamId));
    }

    static String safeFileName(String streamId) {
        String safe = streamId.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.startsWith(".") ? "_" + safe.substring(1) : safe;
    }

    /**
     * Checks that egress can write {@code output} (a file with a supported extension that is not a directory, or
     * a push URL), naming the output as given.
     */
    public static void requireSupportedOutput(String output) {
        if (!isUrl(output) && !output.contains(STREAM_PLACEHOLDER) && Files.isDirectory(Path.of(output))) {
            throw new SrpException("output " + output + " is a directory",
                    "name a file inside it, e.g. " + Path.of(output).resolve("upscaled.mp4"));
        }
        containerOf(output);
    }

    private static boolean isUrl(String output) {
        return output.matches("(?s)^[A-Za-z][A-Za-z0-9+.-]*://.*");
    }

    private static Container containerOf(String template) {
        Container c = Container.of(template);
        if (c == null) {
            throw new SrpException(unsupported(template), "end the output path with .mp4, .mkv, .mov or "
                    + ".m3u8 (HLS), or push to an rtmp://, rtmps:// or rtsp:// URL");
        }
        return c;
    }

    private static String unsupported(String output) {
        String shown = UrlCredentials.redact(output);
        if (isUrl(output)) {
            return "output " + shown + " is a URL srp cannot push to";
        }
        String name = Path.of(output).getFileName() == null ? "" : Path.of(output).getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? "output " + shown + " has the extension " + name.substring(dot) + ", which srp cannot write"
                : "output " + shown + " has no file extension";
    }

    /** The deepest directory of the template that does not depend on the stream id. */
    private static Path existingOutputDirectory(String template) {
        Path parent = Path.of(template).toAbsolutePath().getParent();
        while (parent != null && parent.toString().contains(STREAM_PLACEHOLDER)) {
            parent = parent.getParent();
        }
        if (parent == null) {
            throw new SrpException("egress config: output " + template + " has no directory",
                    "use an absolute output path or one relative to the working directory");
        }
        return parent;
    }

    private static void createDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new SrpException("egress config: cannot create spill directory " + dir + ": " + e,
                    "choose a spill directory on a writable disk", e);
        }
    }

    /** Creating a file is the only reliable test: permission bits lie for root and on read-only mounts. */
    private static void checkWritableDirectory(Path dir, String what) {
        if (!Files.isDirectory(dir)) {
            throw new SrpException("egress config: " + what + " " + dir + " does not exist or is not a directory",
                    "create the directory first or fix the output path");
        }
        try {
            Path probe = Files.createTempFile(dir, ".srp-egress-probe-", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw new SrpException("egress config: " + what + " " + dir + " is not writable (" + e + ")",
                    "fix the directory's permissions or choose another output path", e);
        }
    }

    private static void requireText(String value, String name, String hint) {
        if (value == null || value.isBlank()) {
            throw new SrpException("egress config: " + name + " is missing", hint);
        }
    }
}
