package dev.srp.worker.masks;

/**
 * Segments one low-resolution frame into a set of overlapping binary masks at that resolution (SAMSR's F_a^m).
 * Implementations are chosen by configuration; the built-in one needs no weights. Not required to be thread-safe:
 * each Kafka Streams task uses its own instance.
 */
public interface MaskGenerator extends AutoCloseable {
    /** Short name for logs and metrics labels, e.g. "builtin" or "sam". */
    String name();

    /** Masks for a packed RGB24 frame of {@code width} x {@code height}; never null, possibly empty. */
    MaskSet generate(byte[] rgb, int width, int height);

    @Override
    default void close() {
    }
}
