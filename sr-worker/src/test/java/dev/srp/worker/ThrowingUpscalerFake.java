package dev.srp.worker;

import java.util.List;

/**
 * A FAKE model that throws on every call: a model that fails at run time (a driver error, an out-of-memory GPU)
 * cannot be provoked on purpose with a real TorchScript file, so this stands in for it.
 */
final class ThrowingUpscalerFake implements Upscaler {
    @Override
    public String name() {
        return "throwing-fake";
    }

    @Override
    public int scale() {
        return 4;
    }

    @Override
    public String device() {
        return "cpu";
    }

    @Override
    public List<UpscaledFrame> upscale(List<byte[]> rgbFrames, int width, int height) {
        throw new IllegalStateException("fake model failure (CUDA out of memory, say)");
    }

    @Override
    public void close() {
    }
}
