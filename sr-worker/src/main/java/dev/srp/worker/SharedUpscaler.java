package dev.srp.worker;

import java.util.List;

/**
 * A view of an upscaler that someone else owns: closing the view leaves the model loaded. Every stream task's
 * processor closes the upscaler it was given, while one loaded model serves all tasks of a worker. Not final:
 * tests extend it to watch or slow a model they own.
 */
public class SharedUpscaler implements Upscaler {
    private final Upscaler owner;

    public SharedUpscaler(Upscaler owner) {
        this.owner = owner;
    }

    @Override
    public String name() {
        return owner.name();
    }

    @Override
    public int scale() {
        return owner.scale();
    }

    @Override
    public String device() {
        return owner.device();
    }

    @Override
    public List<UpscaledFrame> upscale(List<byte[]> rgbFrames, int width, int height) {
        return owner.upscale(rgbFrames, width, height);
    }

    @Override
    public List<String> modelInputs() {
        return owner.modelInputs();
    }

    @Override
    public List<UpscaledFrame> upscaleInputs(List<UpscaleInput> inputs, int width, int height) {
        return owner.upscaleInputs(inputs, width, height);
    }

    @Override
    public boolean isWarm(int count, int width, int height) {
        return owner.isWarm(count, width, height);
    }

    @Override
    public void close() {
        // the owner closes the model
    }
}
