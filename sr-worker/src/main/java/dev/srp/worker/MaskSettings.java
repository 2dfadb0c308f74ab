package dev.srp.worker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the worker computes and caches per-shot masks (docs/mask-cache.md).
 *
 * @param mode       when masks are computed at all
 * @param generator  which segmenter computes them
 * @param ttl        a shot with no frame for this long is evicted from the cache (its stream went quiet)
 * @param maxEntries most shots cached per stream task; beyond it the least recently used shot is evicted
 * @param samExport  the SAM export directory when {@code generator} is SAM, else null
 */
public record MaskSettings(MaskMode mode, MaskGeneratorKind generator, Duration ttl, int maxEntries,
                           Path samExport) {
    static final int MAX_ENTRIES_LIMIT = 100_000;

    public MaskSettings {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(generator, "generator");
        Objects.requireNonNull(ttl, "ttl");
        // under a second the punctuator would spin and a shot could expire between two of its frames
        if (ttl.compareTo(Duration.ofSeconds(1)) < 0 || ttl.compareTo(Duration.ofDays(7)) > 0) {
            throw new IllegalArgumentException("mask ttl must be between 1 s and 7 days, got " + ttl);
        }
        // one shot ends when the next begins, so two entries per task are the least that avoids recomputing
        if (maxEntries < 2 || maxEntries > MAX_ENTRIES_LIMIT) {
            throw new IllegalArgumentException("mask maxEntries must be between 2 and " + MAX_ENTRIES_LIMIT
                    + ", got " + maxEntries);
        }
        if (generator == MaskGeneratorKind.SAM && samExport == null) {
            throw new IllegalArgumentException("the SAM mask generator needs the SAM export directory");
        }
    }

    /** Settings for the built-in generator. */
    public MaskSettings(MaskMode mode, MaskGeneratorKind generator, Duration ttl, int maxEntries) {
        this(mode, generator, ttl, maxEntries, null);
    }

    /** These settings with another generator. */
    public MaskSettings withGenerator(MaskGeneratorKind kind, Path export) {
        return new MaskSettings(mode, kind, ttl, maxEntries, export);
    }

    /** AUTO with the built-in generator, a 10-minute TTL and 64 shots per task. */
    public static MaskSettings defaults() {
        return withMode(MaskMode.AUTO);
    }

    /**
     * These settings with AUTO settled for a model: ALWAYS or OFF, so a worker whose model ignores masks opens no
     * mask store at all.
     */
    public MaskSettings resolvedFor(List<String> modelInputs) {
        MaskMode resolved = mode.enabledFor(modelInputs) ? MaskMode.ALWAYS : MaskMode.OFF;
        return new MaskSettings(resolved, generator, ttl, maxEntries, samExport);
    }

    public static MaskSettings withMode(MaskMode mode) {
        return new MaskSettings(mode, MaskGeneratorKind.BUILTIN, Duration.ofMinutes(10), 64);
    }
}
