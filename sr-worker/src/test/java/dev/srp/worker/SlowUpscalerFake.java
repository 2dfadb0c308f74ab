package dev.srp.worker;

import java.util.List;

/**
 * A FAKE slow model: the real model, plus a fixed sleep per frame. A model slower than the feed by a known amount
 * cannot be had reliably from a real TorchScript file on a shared machine, so this stands in for one.
 */
final class SlowUpscalerFake extends SharedUpscaler {
    private final long sleepMillisPerFrame;

    SlowUpscalerFake(Upscaler model, long sleepMillisPerFrame) {
        super(model);
        this.sleepMillisPerFrame = sleepMillisPerFrame;
    }

    @Override
    public String name() {
        return "slow-fake";
    }

    /** Its pace is its sleep from the first call on. */
    @Override
    public boolean isWarm(int count, int width, int height) {
        return true;
    }

    @Override
    public List<UpscaledFrame> upscaleInputs(List<UpscaleInput> inputs, int width, int height) {
        try {
            Thread.sleep(sleepMillisPerFrame * inputs.size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return super.upscaleInputs(inputs, width, height);
    }
}
