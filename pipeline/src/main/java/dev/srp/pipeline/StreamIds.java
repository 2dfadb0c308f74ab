package dev.srp.pipeline;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Default stream ids, derived from the input rather than drawn at random: the worker seeds each shot's noise from
 * the stream id, so the same input upscaled twice gives bit-identical output. Readable part from the file name,
 * uniqueness from a hash of the whole input string.
 */
public final class StreamIds {
    private static final int MAX_NAME = 40;

    private StreamIds() {
    }

    public static String forInput(String input) {
        String last = input.replaceAll("[?#].*$", "").replaceAll("/+$", "");
        last = last.substring(last.lastIndexOf('/') + 1);
        last = last.substring(last.lastIndexOf('@') + 1); // a bare rtsp://user:password@host names the host only
        int dot = last.lastIndexOf('.');
        if (dot > 0) {
            last = last.substring(0, dot);
        }
        String name = last.replaceAll("[^A-Za-z0-9._-]", "_").toLowerCase(Locale.ROOT);
        if (name.isEmpty()) {
            name = "stream";
        }
        if (name.length() > MAX_NAME) {
            name = name.substring(0, MAX_NAME);
        }
        return name + "-" + hash(input).substring(0, 8);
    }

    private static String hash(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
