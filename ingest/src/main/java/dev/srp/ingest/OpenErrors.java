package dev.srp.ingest;

import dev.srp.ingest.IngestMetrics.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.ffmpeg.global.avutil;

/**
 * Turns FFmpeg's failure to open an input into a message a person can act on. JavaCV reports only the native
 * return code inside its message, so the code is read back from there and explained.
 */
final class OpenErrors {
    private static final Pattern CODE = Pattern.compile("error (-?\\d+)");
    private static final int ENOENT = -2;
    private static final int EACCES = -13;
    private static final int ETIMEDOUT = -110;
    private static final int ECONNREFUSED = -111;
    private static final int EHOSTUNREACH = -113;

    private OpenErrors() {
    }

    /**
     * @param elapsed how long the failed open took: a server that accepts the connection and then says nothing
     *                (a hung camera, a wrong port) ends in a read timeout that FFmpeg reports as "invalid data"
     */
    static IngestFailure openFailed(String input, InputLocation location, Duration timeout, Duration elapsed,
                                    Exception e) {
        int code = nativeCode(e);
        if (!location.isFile() && code != ECONNREFUSED && code != EHOSTUNREACH
                && elapsed.compareTo(timeout.multipliedBy(9).dividedBy(10)) >= 0) {
            return timedOut(input, timeout, elapsed, e);
        }
        if (location.isFile()) {
            if (code == ENOENT) {
                return missingFile(input);
            }
            if (code == EACCES) {
                return new IngestFailure(Reason.INPUT_UNREADABLE, "cannot read input file " + input
                        + ": permission denied", "check the file's permissions", e);
            }
            if (looksLikeContainer(location)) {
                return new IngestFailure(Reason.TRUNCATED, input + " looks truncated or damaged: FFmpeg cannot read"
                        + " its container (" + describe(code, e) + ")",
                        "re-download or re-export the file; a file cut short before its index was written"
                                + " cannot be opened at all", e);
            }
            return notVideo(input, describe(code, e), e);
        }
        String why = switch (code) {
            case ECONNREFUSED -> "connection refused";
            case ETIMEDOUT -> "no answer within " + timeout.toMillis() + " ms";
            case EHOSTUNREACH -> "host unreachable";
            default -> describe(code, e);
        };
        boolean networkError = code == ECONNREFUSED || code == ETIMEDOUT || code == EHOSTUNREACH;
        String hint = "check the URL and that the source is running";
        if (!networkError) {
            // it answered but did not play: perhaps a playlist pointing where this input type may not go
            hint += "; a " + location.scheme() + " input may use only the FFmpeg protocols "
                    + location.protocolWhitelist() + " (a playlist's segments too)";
        }
        return new IngestFailure(Reason.SOURCE_UNREACHABLE, "cannot open " + input + ": " + why, hint, e);
    }

    static IngestFailure timedOut(String input, Duration timeout, Duration elapsed, Exception e) {
        return new IngestFailure(Reason.SOURCE_UNREACHABLE, "cannot open " + input + ": timed out, no answer "
                + "within --open-timeout " + timeout + " (gave up after "
                + String.format(java.util.Locale.ROOT, "%.1f", elapsed.toMillis() / 1000.0) + " s)",
                "check the URL and that the source is running, or raise --open-timeout for a slow source", e);
    }

    static IngestFailure missingFile(String input) {
        return new IngestFailure(Reason.INPUT_MISSING, "input file " + input + " does not exist", "check the path");
    }

    static IngestFailure notVideo(String input, String detail, Throwable cause) {
        return new IngestFailure(Reason.INPUT_UNREADABLE, input + " is not a video FFmpeg can read"
                + (detail == null ? "" : " (" + detail + ")"), "check that the input is a video file", cause);
    }

    private static int nativeCode(Exception e) {
        Matcher m = CODE.matcher(String.valueOf(e.getMessage()));
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private static String describe(int code, Exception e) {
        if (code == 0) {
            return String.valueOf(e.getMessage());
        }
        byte[] buffer = new byte[256];
        avutil.av_strerror(code, buffer, buffer.length);
        int end = 0;
        while (end < buffer.length && buffer[end] != 0) {
            end++;
        }
        return new String(buffer, 0, end, StandardCharsets.UTF_8);
    }

    /** Whether the file starts like a video container (MP4/MOV, Matroska/WebM, AVI) that FFmpeg still rejected. */
    private static boolean looksLikeContainer(InputLocation location) {
        byte[] head = new byte[12];
        try (InputStream in = Files.newInputStream(location.file())) {
            if (in.readNBytes(head, 0, head.length) < head.length) {
                return false;
            }
        } catch (IOException e) {
            return false;
        }
        boolean isoMedia = Arrays.equals(head, 4, 8, "ftyp".getBytes(StandardCharsets.US_ASCII), 0, 4);
        boolean matroska = (head[0] & 0xff) == 0x1a && (head[1] & 0xff) == 0x45 && (head[2] & 0xff) == 0xdf
                && (head[3] & 0xff) == 0xa3;
        boolean avi = Arrays.equals(head, 0, 4, "RIFF".getBytes(StandardCharsets.US_ASCII), 0, 4)
                && Arrays.equals(head, 8, 12, "AVI ".getBytes(StandardCharsets.US_ASCII), 0, 4);
        return isoMedia || matroska || avi;
    }
}
