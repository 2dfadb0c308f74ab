package dev.srp.worker;

import dev.srp.contract.FrameMessage;
import dev.srp.worker.masks.BuiltInMaskGenerator;
import dev.srp.worker.masks.MaskGenerator;
import dev.srp.worker.masks.MaskSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The worker's model outside Kafka, for tools and benchmarks: frames conditioned as the worker conditions them
 * (each shot's masks from its first frame, its noise seed from stream and shot), upscaled in batches, and each
 * output checked as the worker checks it. Tools use this class rather than the worker's engine and mask internals,
 * so those can change without breaking them.
 */
public final class OfflineModel implements AutoCloseable {
    private final DjlUpscaler upscaler;
    private final MaskSettings masks;
    private final int threads;

    private OfflineModel(DjlUpscaler upscaler, MaskSettings masks, int threads) {
        this.upscaler = upscaler;
        this.masks = masks;
        this.threads = threads;
    }

    /** Loads {@code model} (its sidecar must say {@code scale}) on the device the worker would pick. */
    public static OfflineModel load(Path model, int scale, int threads, MaskSettings masks) {
        return new OfflineModel(DjlUpscaler.load(model, scale, threads), masks, threads);
    }

    /** The built-in generator's masks of one RGB24 image, as the worker computes a shot's. */
    public static MaskSet builtInMasks(byte[] rgb, int width, int height) {
        return new BuiltInMaskGenerator().generate(rgb, width, height);
    }

    public String device() {
        return upscaler.device();
    }

    /** The frames (all of one size, in order) with the conditioning the worker gives them. */
    public Conditioned condition(List<FrameMessage> frames) {
        int width = frames.get(0).width();
        int height = frames.get(0).height();
        if (!masks.mode().enabledFor(upscaler.modelInputs())) {
            return new Conditioned(frames.stream().map(f -> UpscaleInput.of(f.pixels())).toList(), width, height);
        }
        Map<Long, MaskSet> shots = new HashMap<>();
        List<UpscaleInput> inputs = new ArrayList<>(frames.size());
        try (MaskGenerator generator = MaskGenerators.create(masks, threads)) {
            for (FrameMessage f : frames) {
                MaskSet shotMasks = shots.computeIfAbsent(f.shotId(),
                        shot -> generator.generate(f.pixels(), f.width(), f.height()));
                inputs.add(new UpscaleInput(f.pixels(), shotMasks, ShotNoiseSeed.of(f.streamId(), f.shotId())));
            }
        }
        return new Conditioned(inputs, width, height);
    }

    /** One model call on {@code batch}; each output with whether the worker would have refused it. */
    public List<Output> upscale(Conditioned batch) {
        List<UpscaledFrame> hr = upscaler.upscaleInputs(batch.inputs, batch.width, batch.height);
        List<Output> out = new ArrayList<>(hr.size());
        for (int i = 0; i < hr.size(); i++) {
            out.add(new Output(hr.get(i).rgb(), InvalidOutput.of(hr.get(i), batch.inputs.get(i).rgb()).isPresent()));
        }
        return out;
    }

    @Override
    public void close() {
        upscaler.close();
    }

    /** Frames ready for the model, in order; {@link #slice} cuts batches. */
    public static final class Conditioned {
        private final List<UpscaleInput> inputs;
        private final int width;
        private final int height;

        private Conditioned(List<UpscaleInput> inputs, int width, int height) {
            this.inputs = inputs;
            this.width = width;
            this.height = height;
        }

        public int size() {
            return inputs.size();
        }

        /** Frames {@code from} (inclusive) to {@code to} (exclusive). */
        public Conditioned slice(int from, int to) {
            return new Conditioned(inputs.subList(from, to), width, height);
        }
    }

    /**
     * One upscaled frame.
     *
     * @param rgb     packed RGB24 at the output size
     * @param invalid non-finite or flat where the input was not: the worker sends such a frame out bicubic instead
     */
    public record Output(byte[] rgb, boolean invalid) {
    }
}
