package dev.srp.worker;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The noise seed of a shot: the first 8 bytes, big-endian, of SHA-256 over
 * {@code "srp-noise-v1" NUL streamId NUL shotId-in-decimal} (UTF-8). A pure function of the shot's identity, so every
 * frame of a shot draws the same eps' (no noise flicker), a rerun of the same stream id is bit-identical, and a
 * worker that restores or recomputes an entry gets the same seed. A cryptographic hash rather than
 * {@code String.hashCode}: neighbouring shot ids must give unrelated seeds, and the value must not depend on the JVM.
 * The version tag lets a future derivation change without silently reusing old seeds.
 */
public final class ShotNoiseSeed {
    private static final byte[] DOMAIN = "srp-noise-v1".getBytes(StandardCharsets.UTF_8);

    private ShotNoiseSeed() {
    }

    public static long of(String streamId, long shotId) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM ships SHA-256", e);
        }
        sha.update(DOMAIN);
        sha.update((byte) 0);
        sha.update(streamId.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(Long.toString(shotId).getBytes(StandardCharsets.UTF_8));
        byte[] d = sha.digest();
        long seed = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            seed = (seed << 8) | (d[i] & 0xff);
        }
        return seed;
    }
}
