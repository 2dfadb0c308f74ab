package dev.srp.worker;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Passes every call to a real upscaler and keeps the model inputs it was given, so a test can see which masks and
 * seed each frame reached the model with. Frames are recorded in call order.
 */
final class RecordingUpscaler implements Upscaler {
    private final Upscaler model;
    private final List<UpscaleInput> seen = Collections.synchronizedList(new ArrayList<>());

    RecordingUpscaler(Upscaler model) {
        this.model = model;
    }

    List<UpscaleInput> seen() {
        return List.copyOf(seen);
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
        seen.addAll(inputs);
        return model.upscaleInputs(inputs, width, height);
    }

    @Override
    public void close() {
        // the test owns the model
    }
}
