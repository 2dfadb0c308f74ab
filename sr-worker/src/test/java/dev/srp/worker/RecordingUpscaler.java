package dev.srp.worker;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Passes every call to a real upscaler and keeps the model inputs it was given, so a test can see which masks and
 * seed each frame reached the model with (the worker always calls upscaleInputs). Frames are recorded in call order.
 */
final class RecordingUpscaler extends SharedUpscaler {
    private final List<UpscaleInput> seen = Collections.synchronizedList(new ArrayList<>());

    RecordingUpscaler(Upscaler model) {
        super(model);
    }

    List<UpscaleInput> seen() {
        return List.copyOf(seen);
    }

    @Override
    public List<UpscaledFrame> upscaleInputs(List<UpscaleInput> inputs, int width, int height) {
        seen.addAll(inputs);
        return super.upscaleInputs(inputs, width, height);
    }
}
