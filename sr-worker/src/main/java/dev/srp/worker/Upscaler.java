package dev.srp.worker;

import java.util.List;

/** The model boundary: the topology only knows this, so it can run any model that upscales RGB frames. */
public interface Upscaler extends AutoCloseable {
    /** Model name, for metrics and logs. */
    String name();

    /** Output is {@code scale()} times the input in both dimensions. */
    int scale();

    /** Where inference runs, "cpu" or "gpu0". */
    String device();

    /** Upscales a batch of same-sized packed RGB24 frames; returns packed RGB24 frames scale x larger. */
    List<byte[]> upscale(List<byte[]> rgbFrames, int width, int height);

    @Override
    void close();
}
