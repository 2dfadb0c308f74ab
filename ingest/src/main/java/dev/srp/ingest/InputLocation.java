package dev.srp.ingest;

import dev.srp.media.UrlCredentials;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ingest input split into what FFmpeg opens and whether it is a local file, so that a missing file is reported
 * by name before FFmpeg runs and network URLs get their protocol options.
 *
 * @param ffmpegUrl what to hand to FFmpeg
 * @param file      the local file, or null for a network source
 * @param scheme    lower-case URL scheme, "file" for local files
 */
record InputLocation(String ffmpegUrl, Path file, String scheme) {
    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):(.*)$", Pattern.DOTALL);
    private static final Set<String> NETWORK = Set.of("http", "https", "rtsp", "rtsps", "udp", "srt");
    /**
     * The FFmpeg protocols each kind of input may use, nested opens included: a playlist fetched over HTTP may
     * name its segments by any URL, and without this list FFmpeg would follow {@code file:} (or {@code concat:},
     * {@code subfile:}...) into local files. HLS over HTTP needs tcp/tls underneath and crypto for AES-128
     * segments; RTSP needs its RTP transports.
     */
    private static final Map<String, String> PROTOCOLS = Map.of(
            "file", "file",
            "http", "http,https,tcp,tls,crypto",
            "https", "http,https,tcp,tls,crypto",
            "rtsp", "rtsp,rtsps,rtp,srtp,udp,tcp,tls",
            "rtsps", "rtsp,rtsps,rtp,srtp,udp,tcp,tls",
            "udp", "udp",
            "srt", "srt");
    /** Schemes whose sources never end on their own: an end of data there means the source dropped. */
    private static final Set<String> ALWAYS_LIVE = Set.of("rtsp", "rtsps", "udp", "srt");

    static InputLocation parse(String input) {
        Matcher m = SCHEME.matcher(input);
        if (!m.matches() || m.group(1).length() == 1) {
            // no scheme (a one-letter "scheme" would be a Windows drive letter): a plain path
            return new InputLocation(input, Path.of(input), "file");
        }
        String scheme = m.group(1).toLowerCase(Locale.ROOT);
        if (scheme.equals("file")) {
            String rest = m.group(2);
            Path path = rest.startsWith("//") ? Path.of(java.net.URI.create(input)) : Path.of(rest);
            return new InputLocation(path.toString(), path, "file");
        }
        if (!NETWORK.contains(scheme)) {
            throw new IllegalArgumentException("ingest config: input scheme '" + scheme + "' in " + input
                    + " is not supported; use a file path, file:, http(s)://, rtsp://, udp:// or srt://");
        }
        return new InputLocation(input, null, scheme);
    }

    /**
     * The text with every URL password replaced by ***, for logs and error messages: camera URLs often carry
     * rtsp://user:password@ and logs are read by more people than the camera's owner.
     */
    static String redact(String text) {
        return UrlCredentials.redact(text);
    }

    boolean isFile() {
        return file != null;
    }

    /** FFmpeg's protocol_whitelist for this input (see {@link #PROTOCOLS}). */
    String protocolWhitelist() {
        return PROTOCOLS.get(scheme);
    }

    /** Whether the end of this source's data means it dropped rather than that it finished. */
    boolean alwaysLive() {
        return ALWAYS_LIVE.contains(scheme);
    }
}
