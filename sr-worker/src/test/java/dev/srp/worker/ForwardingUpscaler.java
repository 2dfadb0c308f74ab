package dev.srp.worker;

import java.util.List;

/** Passes every call to a real upscaler, so a test double overrides only what it watches or changes. */
abstract class ForwardingUpscaler implements Upscaler {
    protected final Upscaler model;

    ForwardingUpscaler(Upscaler model) {
        this.model = model;
    }

    @Override
    public String name() {
        return model.name();
    }

    @Override
    public int scale() {
        return model.scale();
    }

    @Override
    public String device() {
        return model.device();
    }

    @Override
    public List<String> modelInputs() {
        return model.modelInputs();
    }

    @Override
    public List<byte[]> upscale(List<byte[]> rgbFrames, int width, int height) {
        return upscaleInputs(rgbFrames.stream().map(UpscaleInput::of).toList(), width, height);
    }

    @Override
    public List<byte[]> upscaleInputs(List<UpscaleInput> inputs, int width, int height) {
        return model.upscaleInputs(inputs, width, height);
    }

    @Override
    public void close() {
        // the test owns the model
    }
}
