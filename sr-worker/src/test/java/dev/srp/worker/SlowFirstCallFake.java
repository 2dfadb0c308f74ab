package dev.srp.worker;

import java.util.List;

/**
 * A FAKE model whose first call is slow: the real model, plus a sleep in its first call only. It stands in for a
 * model warming up for a new frame size ({@code reportsWarmUp}: it says the first call is not warm, as the DJL
 * upscaler does) or for one slow batch of a warm model (a GC pause, a core taken by another process), neither of
 * which a real model does on demand.
 */
final class SlowFirstCallFake extends SharedUpscaler {
    private final long firstCallMillis;
    private final boolean reportsWarmUp;
    private volatile boolean called;

    SlowFirstCallFake(Upscaler model, long firstCallMillis, boolean reportsWarmUp) {
        super(model);
        this.firstCallMillis = firstCallMillis;
        this.reportsWarmUp = reportsWarmUp;
    }

    @Override
    public String name() {
        return "slow-first-call-fake";
    }

    @Override
    public boolean isWarm(int count, int width, int height) {
        return called || !reportsWarmUp;
    }

    @Override
    public List<UpscaledFrame> upscaleInputs(List<UpscaleInput> inputs, int width, int height) {
        if (!called) {
            try {
                Thread.sleep(firstCallMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            called = true;
        }
        return super.upscaleInputs(inputs, width, height);
    }
}
