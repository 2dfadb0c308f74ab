package dev.srp.worker;

import dev.srp.contract.SrpException;
import dev.srp.worker.masks.MaskSet;
import dev.srp.worker.masks.SamNoise;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What a SAMSR model takes beside the LR frame: W and eps' from its shot's masks and noise seed. Both are computed
 * once per shot and reused for its frames (the noise is drawn once per shot, so a shot's frames share it and do not
 * flicker); the schedule math that turns them into x_T lives inside the model's TorchScript.
 */
final class SamsrConditioning {
    static final List<String> INPUTS = List.of("lr", "weight", "noise");
    /** Shots whose W and eps' stay computed: a task works on one shot at a time, a worker on a few tasks. */
    private static final int CACHED_SHOTS = 4;
    /** Evicted shots' buffers kept for the next shot; more would only wait for the garbage collector. */
    private static final int SPARE_SHOTS = 2;

    /**
     * A shot's W and eps' as one frame's float32 tensor memory: a one-frame batch uses them as they are. The
     * buffers are direct, and eps' is large (3 s^2 channels: 11 MB at 320x180 x4), so they are reused for later
     * shots instead of being left to the garbage collector: a live feed starts a new shot every few seconds, and
     * direct buffers freed only by an old-generation collection made a 30-minute soak's worker grow by 1.5 GB.
     * {@code users} counts the forward calls using them, so a buffer is never refilled under a running call.
     */
    private static final class Shot {
        private final ByteBuffer weight;
        private final ByteBuffer noise;
        private int users;
        private boolean evicted;

        private Shot(int weightFloats, int noiseFloats) {
            this.weight = direct(weightFloats);
            this.noise = direct(noiseFloats);
        }

        private static ByteBuffer direct(int floats) {
            return ByteBuffer.allocateDirect(Math.multiplyExact(floats, Float.BYTES)).order(ByteOrder.nativeOrder());
        }

        boolean fits(float[] w, float[] n) {
            return weight.capacity() == w.length * Float.BYTES && noise.capacity() == n.length * Float.BYTES;
        }

        Shot fill(float[] w, float[] n) {
            weight.clear().asFloatBuffer().put(w);
            noise.clear().asFloatBuffer().put(n);
            evicted = false;
            return this;
        }

        ByteBuffer weight() {
            return weight;
        }

        ByteBuffer noise() {
            return noise;
        }
    }

    /** A batch with its shots' W and eps' attached; closing it hands the shots' buffers back. */
    final class Lease implements AutoCloseable {
        private final RgbBatchTranslator.Batch batch;
        private final Shot[] shots;

        private Lease(RgbBatchTranslator.Batch batch, Shot[] shots) {
            this.batch = batch;
            this.shots = shots;
        }

        RgbBatchTranslator.Batch batch() {
            return batch;
        }

        @Override
        public void close() {
            release(shots);
        }
    }

    private final int noiseChannels;
    private int buffersAllocated;
    private final ArrayDeque<Shot> spare = new ArrayDeque<>();
    private final Map<Long, Shot> shots = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Shot> eldest) {
            if (size() <= CACHED_SHOTS) {
                return false;
            }
            Shot old = eldest.getValue();
            old.evicted = true;
            recycle(old);
            return true;
        }
    };

    private SamsrConditioning(int scale) {
        this.noiseChannels = 3 * scale * scale;
    }

    /** Null for a model that takes only "lr"; refuses input lists srp cannot feed. */
    static SamsrConditioning forInputs(List<String> inputs, int scale, String model) {
        if (inputs.equals(List.of("lr"))) {
            return null;
        }
        if (inputs.equals(INPUTS)) {
            return new SamsrConditioning(scale);
        }
        throw new SrpException("model " + model + " declares inputs " + inputs + ", which srp cannot feed",
                "a model takes either lr, or lr,weight,noise (docs/model-contract.md)");
    }

    /**
     * The batch with each frame's W and eps' attached, in frame order. Close the lease once the forward call is
     * done: until then the shots' buffers are not reused.
     */
    Lease attach(RgbBatchTranslator.Batch frames, List<UpscaleInput> inputs) {
        for (UpscaleInput in : inputs) {
            if (!in.hasMasks()) {
                throw new SrpException("a SAMSR model got a frame without its shot's masks",
                        "run the worker with --masks auto or always");
            }
        }
        Shot[] shots = new Shot[inputs.size()];
        for (int i = 0; i < shots.length; i++) {
            shots[i] = acquire(inputs.get(i).masks(), inputs.get(i).noiseSeed());
        }
        // one frame (how the CPU runs them, see DjlUpscaler): its shot's buffers are the tensors' memory as they are
        if (shots.length == 1) {
            return new Lease(new RgbBatchTranslator.Batch(frames.packed(), 1, frames.width(), frames.height(),
                    shots[0].weight().duplicate(), shots[0].noise().duplicate(), noiseChannels), shots);
        }
        return new Lease(new RgbBatchTranslator.Batch(frames.packed(), frames.count(), frames.width(),
                frames.height(), concat(shots, Shot::weight), concat(shots, Shot::noise), noiseChannels), shots);
    }

    private static ByteBuffer concat(Shot[] shots, Function<Shot, ByteBuffer> part) {
        int bytes = part.apply(shots[0]).capacity();
        ByteBuffer all = ByteBuffer.allocateDirect(Math.multiplyExact(bytes, shots.length))
                .order(ByteOrder.nativeOrder());
        for (Shot shot : shots) {
            all.put(part.apply(shot).duplicate().clear());
        }
        return all.flip();
    }

    private synchronized Shot acquire(MaskSet masks, long seed) {
        Shot shot = shots.get(seed);
        if (shot == null) {
            float[] weight = masks.weightMap();
            float[] noise = SamNoise.compute(masks, noiseChannels, SamNoise.seeded(seed));
            Shot reused = spare.poll();
            if (reused == null || !reused.fits(weight, noise)) {
                reused = new Shot(weight.length, noise.length);
                buffersAllocated++;
            }
            shot = reused.fill(weight, noise);
            shots.put(seed, shot);
        }
        shot.users++;
        return shot;
    }

    private synchronized void release(Shot[] used) {
        for (Shot shot : used) {
            shot.users--;
            recycle(shot);
        }
    }

    /** Buffer pairs allocated so far: bounded, however many shots went by. */
    synchronized int buffersAllocated() {
        return buffersAllocated;
    }

    /** An evicted shot that no call uses any more becomes a spare. */
    private void recycle(Shot shot) {
        if (shot.evicted && shot.users == 0 && spare.size() < SPARE_SHOTS && !spare.contains(shot)) {
            spare.push(shot);
        }
    }
}
