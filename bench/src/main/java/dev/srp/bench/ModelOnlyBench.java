package dev.srp.bench;

import dev.srp.contract.FrameMessage;
import dev.srp.worker.MaskSettings;
import dev.srp.worker.OfflineModel;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
        try (OfflineModel upscaler = OfflineModel.load(model, scale, threads, maskSettings)) {
            OfflineModel.Conditioned inputs = upscaler.condition(frames);
            OfflineModel.Conditioned warm = inputs.slice(0, Math.min(batchSize, inputs.size()));
            for (int i = 0; i < WARM_UP_BATCHES; i++) {
                upscaler.upscale(warm);
            }
            // the last, shorter batch is another input shape: warm it too, or its warm-up calls land in the timing
            int tail = inputs.size() % batchSize;
            if (tail > 0 && inputs.size() > batchSize) {
                upscaler.upscale(inputs.slice(0, tail));
            }
            long nanos = 0;
            long invalid = 0;
            try (OutputStream out = Files.newOutputStream(outputs)) {
                for (int i = 0; i < inputs.size(); i += batchSize) {
                    OfflineModel.Conditioned batch = inputs.slice(i, Math.min(inputs.size(), i + batchSize));
                    long start = System.nanoTime();
                    List<OfflineModel.Output> hr = upscaler.upscale(batch);
                    nanos += System.nanoTime() - start;
                    for (OfflineModel.Output frame : hr) {
                        if (frame.invalid()) {
                            invalid++;
                        }
                        out.write(frame.rgb());
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
}
