package dev.srp.media;

import java.util.regex.Pattern;

/**
 * Hides the password of every URL in a text ({@code rtsp://user:secret@cam} becomes {@code rtsp://user:***@cam}):
 * camera and media-server URLs carry credentials, and messages and logs are read by more people than their owner.
 * Shared by ingest (inputs) and egress (pushed outputs).
 */
public final class UrlCredentials {
    /** user:password@ in any URL of a text; group 1 keeps the user name. */
    private static final Pattern CREDENTIALS = Pattern.compile("(://[^/@\\s:]*):[^/\\s]*@");

    private UrlCredentials() {
    }

    public static String redact(String text) {
        return text == null ? null : CREDENTIALS.matcher(text).replaceAll("$1:***@");
    }
}
