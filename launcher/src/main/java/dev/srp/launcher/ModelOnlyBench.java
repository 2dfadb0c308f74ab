package dev.srp.launcher;

import dev.srp.contract.FrameMessage;
import dev.srp.worker.DjlUpscaler;
import dev.srp.worker.InvalidOutput;
import dev.srp.worker.MaskGenerators;
import dev.srp.worker.MaskSettings;
import dev.srp.worker.ShotNoiseSeed;
import dev.srp.worker.UpscaleInput;
import dev.srp.worker.UpscaledFrame;
import dev.srp.worker.masks.MaskGenerator;
import dev.srp.worker.masks.MaskSet;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The model alone, on the frames the pipeline's ingest sent and with the conditioning the pipeline's worker gives
 * them (each shot's masks from its first frame, its noise seed from stream and shot), so its output is what the
 * pipeline should write. Only the inference calls are timed; the outputs go to a raw RGB24 file for the fidelity
 * comparison, and non-finite or flat ones are counted.
 */
final class ModelOnlyBench {
    private static final int WARM_UP_BATCHES = 5;

    /** The timing row, and where the model's frames went (packed RGB24, one after the other). */
    record Result(BenchResults.Row row, Path outputs) {
    }

    private ModelOnlyBench() {
    }

    static Result run(List<FrameMessage> frames, Path model, int scale, int batchSize, int threads,
                      MaskSettings maskSettings, Path outputs) {
        try (DjlUpscaler upscaler = DjlUpscaler.load(model, scale, threads)) {
            List<UpscaleInput> inputs = conditioned(frames, upscaler, maskSettings, threads);
            int w = frames.get(0).width();
            int h = frames.get(0).height();
            List<UpscaleInput> warm = inputs.subList(0, Math.min(batchSize, inputs.size()));
            for (int i = 0; i < WARM_UP_BATCHES; i++) {
                upscaler.upscaleInputs(warm, w, h);
            }
            // the last, shorter batch is another input shape: warm it too, or its warm-up calls land in the timing
            int tail = inputs.size() % batchSize;
            if (tail > 0 && inputs.size() > batchSize) {
                upscaler.upscaleInputs(inputs.subList(0, tail), w, h);
            }
            long nanos = 0;
            long invalid = 0;
            try (OutputStream out = Files.newOutputStream(outputs)) {
                for (int i = 0; i < inputs.size(); i += batchSize) {
                    List<UpscaleInput> batch = inputs.subList(i, Math.min(inputs.size(), i + batchSize));
                    long start = System.nanoTime();
                    List<UpscaledFrame> hr = upscaler.upscaleInputs(batch, w, h);
                    nanos += System.nanoTime() - start;
                    for (int k = 0; k < hr.size(); k++) {
                        if (InvalidOutput.of(hr.get(k), batch.get(k).rgb()).isPresent()) {
                            invalid++;
                        }
                        out.write(hr.get(k).rgb());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the model's frames to " + outputs, e);
            }
            BenchResults.Row row = new BenchResults.Row("model only (" + upscaler.device() + ", batch " + batchSize
                    + ", " + threads + (threads == 1 ? " thread)" : " threads)"), frames.size(), nanos / 1e9,
                    Double.NaN).withInvalid(invalid);
            return new Result(row, outputs);
        }
    }

    /** Each frame with its shot's masks and seed, as the worker gives them; plain frames for a model without. */
    private static List<UpscaleInput> conditioned(List<FrameMessage> frames, DjlUpscaler upscaler,
                                                  MaskSettings maskSettings, int threads) {
        if (!maskSettings.mode().enabledFor(upscaler.modelInputs())) {
            return frames.stream().map(f -> UpscaleInput.of(f.pixels())).toList();
        }
        Map<Long, MaskSet> shots = new HashMap<>();
        List<UpscaleInput> inputs = new ArrayList<>(frames.size());
        try (MaskGenerator generator = MaskGenerators.create(maskSettings, threads)) {
            for (FrameMessage f : frames) {
                MaskSet masks = shots.computeIfAbsent(f.shotId(),
                        shot -> generator.generate(f.pixels(), f.width(), f.height()));
                inputs.add(new UpscaleInput(f.pixels(), masks, ShotNoiseSeed.of(f.streamId(), f.shotId())));
            }
        }
        return inputs;
    }
}
