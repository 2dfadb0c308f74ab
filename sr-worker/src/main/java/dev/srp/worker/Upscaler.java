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
    List<UpscaledFrame> upscale(List<byte[]> rgbFrames, int width, int height);

    /**
     * The forward() inputs the model takes, "lr" first (from its sidecar). Anything beyond "lr" is derived from
     * per-shot masks, so the worker computes masks for it in {@link MaskMode#AUTO}.
     */
    default List<String> modelInputs() {
        return List.of("lr");
    }

    /**
     * Upscales frames that come with their shot's masks and noise seed. A model that takes only the LR frame
     * ignores them, which is what this default does; a SAMSR model overrides it to feed W and eps'.
     */
    default List<UpscaledFrame> upscaleInputs(List<UpscaleInput> inputs, int width, int height) {
        return upscale(inputs.stream().map(UpscaleInput::rgb).toList(), width, height);
    }

    /**
     * Whether a call with {@code count} frames of this size runs at its steady pace. The first call of a shape may
     * also warm the engine up and check its kernels, seconds that say nothing about the calls after it.
     */
    default boolean isWarm(int count, int width, int height) {
        return true;
    }

    @Override
    void close();
}
