package dev.srp.worker;

import java.util.List;

/**
 * A FAKE slow model: the real model, plus a fixed sleep per frame. A model slower than the feed by a known amount
 * cannot be had reliably from a real TorchScript file on a shared machine, so this stands in for one.
 */
final class SlowUpscalerFake implements Upscaler {
    private final Upscaler model;
    private final long sleepMillisPerFrame;

    SlowUpscalerFake(Upscaler model, long sleepMillisPerFrame) {
        this.model = model;
        this.sleepMillisPerFrame = sleepMillisPerFrame;
    }

    @Override
    public String name() {
        return "slow-fake";
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
    public List<byte[]> upscale(List<byte[]> rgbFrames, int width, int height) {
        try {
            Thread.sleep(sleepMillisPerFrame * rgbFrames.size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return model.upscale(rgbFrames, width, height);
    }

    @Override
    public void close() {
        model.close();
    }
}
