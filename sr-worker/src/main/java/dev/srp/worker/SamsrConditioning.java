package dev.srp.worker;

import dev.srp.contract.SrpException;
import dev.srp.worker.masks.MaskSet;
import dev.srp.worker.masks.SamNoise;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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

    /** A shot's W and eps' as one frame's float32 tensor memory: a one-frame batch uses them as they are. */
    private record Shot(ByteBuffer weight, ByteBuffer noise) {
        Shot(float[] weight, float[] noise) {
            this(direct(weight), direct(noise));
        }

        private static ByteBuffer direct(float[] values) {
            ByteBuffer b = ByteBuffer.allocateDirect(Math.multiplyExact(values.length, Float.BYTES))
                    .order(ByteOrder.nativeOrder());
            b.asFloatBuffer().put(values);
            return b;
        }
    }

    private final int noiseChannels;
    private final Map<Long, Shot> shots = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Shot> eldest) {
            return size() > CACHED_SHOTS;
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

    /** The batch with each frame's W and eps' attached, in frame order. */
    RgbBatchTranslator.Batch attach(RgbBatchTranslator.Batch frames, List<UpscaleInput> inputs) {
        Shot[] shots = new Shot[inputs.size()];
        for (int i = 0; i < shots.length; i++) {
            UpscaleInput in = inputs.get(i);
            if (!in.hasMasks()) {
                throw new SrpException("a SAMSR model got a frame without its shot's masks",
                        "run the worker with --masks auto or always");
            }
            shots[i] = shotFor(in.masks(), in.noiseSeed());
        }
        // one frame (how the CPU runs them, see DjlUpscaler): its shot's buffers are the tensors' memory as they are
        if (shots.length == 1) {
            return new RgbBatchTranslator.Batch(frames.packed(), 1, frames.width(), frames.height(),
                    shots[0].weight().duplicate(), shots[0].noise().duplicate(), noiseChannels);
        }
        return new RgbBatchTranslator.Batch(frames.packed(), frames.count(), frames.width(), frames.height(),
                concat(shots, Shot::weight), concat(shots, Shot::noise), noiseChannels);
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

    private synchronized Shot shotFor(MaskSet masks, long seed) {
        return shots.computeIfAbsent(seed, s -> new Shot(masks.weightMap(),
                SamNoise.compute(masks, noiseChannels, SamNoise.seeded(s))));
    }
}
