package dev.srp.worker;

import dev.srp.contract.SrpException;
import dev.srp.worker.masks.MaskSet;
import dev.srp.worker.masks.SamNoise;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a SAMSR model takes beside the LR frame: W and eps' from its shot's masks and noise seed. Both are computed
 * once per shot and reused for its frames (the noise is drawn once per shot, so a shot's frames share it and do not
 * flicker); the schedule math that turns them into x_T lives inside the model's TorchScript.
 */
final class SamsrConditioning {
    static final List<String> INPUTS = List.of("lr", "weight", "noise");
    /** Shots whose W and eps' stay computed: a task works on one shot at a time, a worker on a few tasks. */
    private static final int CACHED_SHOTS = 4;

    private record Shot(float[] weight, float[] noise) {
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
        int hw = frames.width() * frames.height();
        float[] weight = new float[inputs.size() * hw];
        float[] noise = new float[inputs.size() * noiseChannels * hw];
        for (int i = 0; i < inputs.size(); i++) {
            UpscaleInput in = inputs.get(i);
            if (!in.hasMasks()) {
                throw new SrpException("a SAMSR model got a frame without its shot's masks",
                        "run the worker with --masks auto or always");
            }
            Shot shot = shotFor(in.masks(), in.noiseSeed());
            System.arraycopy(shot.weight, 0, weight, i * hw, hw);
            System.arraycopy(shot.noise, 0, noise, i * noiseChannels * hw, noiseChannels * hw);
        }
        return new RgbBatchTranslator.Batch(frames.packed(), frames.count(), frames.width(), frames.height(), weight,
                noise, noiseChannels);
    }

    private synchronized Shot shotFor(MaskSet masks, long seed) {
        return shots.computeIfAbsent(seed, s -> new Shot(masks.weightMap(),
                SamNoise.compute(masks, noiseChannels, SamNoise.seeded(s))));
    }
}
