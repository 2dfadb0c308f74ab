package dev.srp.worker;

import dev.srp.contract.FrameMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Upscales a list of frames in model batches: frames are grouped by size (a tensor needs one shape), each group
 * runs in chunks of at most {@code batchSize}, and the results come back in the order of the input list.
 */
final class BatchInference {
    private record Size(int width, int height) {
    }

    private final Upscaler upscaler;
    private final int batchSize;
    private final WorkerMetrics metrics;
    private final OutputGuard guard;
    /** Seconds and frames of the last {@link #upscale} call's chunks that ran warm: the model's steady pace. */
    private double steadySeconds;
    private int steadyFrames;

    BatchInference(Upscaler upscaler, int batchSize, WorkerMetrics metrics, OutputGuard guard) {
        this.upscaler = upscaler;
        this.batchSize = batchSize;
        this.metrics = metrics;
        this.guard = guard;
    }

    /**
     * HR frames, one per input frame, same order, same metadata, {@code scale} times the size; a frame whose model
     * output the {@link OutputGuard} refused is its LR frame, marked for egress to upscale.
     *
     * @param inputs what the model gets for each frame: its pixels, plus its shot's masks and seed when masks are on
     */
    List<FrameMessage> upscale(List<FrameMessage> frames, List<UpscaleInput> inputs) {
        Map<Size, List<Integer>> bySize = new LinkedHashMap<>();
        for (int i = 0; i < frames.size(); i++) {
            FrameMessage f = frames.get(i);
            bySize.computeIfAbsent(new Size(f.width(), f.height()), s -> new ArrayList<>()).add(i);
        }
        FrameMessage[] out = new FrameMessage[frames.size()];
        steadySeconds = 0;
        steadyFrames = 0;
        for (Map.Entry<Size, List<Integer>> group : bySize.entrySet()) {
            Size size = group.getKey();
            List<Integer> indexes = group.getValue();
            for (int from = 0; from < indexes.size(); from += batchSize) {
                List<Integer> chunk = indexes.subList(from, Math.min(indexes.size(), from + batchSize));
                List<UpscaleInput> lr = new ArrayList<>(chunk.size());
                chunk.forEach(i -> lr.add(inputs.get(i)));
                boolean warm = upscaler.isWarm(chunk.size(), size.width(), size.height());
                long start = System.nanoTime();
                List<UpscaledFrame> hr = upscaler.upscaleInputs(lr, size.width(), size.height());
                double seconds = (System.nanoTime() - start) / 1e9;
                metrics.inference(chunk.size(), seconds);
                if (warm) {
                    steadySeconds += seconds;
                    steadyFrames += chunk.size();
                }
                if (hr.size() != chunk.size()) {
                    throw new IllegalStateException("upscaler " + upscaler.name() + " returned " + hr.size()
                            + " frames for " + chunk.size());
                }
                for (int k = 0; k < chunk.size(); k++) {
                    int i = chunk.get(k);
                    out[i] = guard.admit(frames.get(i), inputs.get(i).rgb(), hr.get(k));
                }
            }
        }
        return List.of(out);
    }

    /**
     * Model milliseconds per frame in the last {@link #upscale} call, counting only chunks whose shape was warm;
     * NaN when none was.
     */
    double steadyMillisPerFrame() {
        return steadyFrames == 0 ? Double.NaN : steadySeconds * 1000 / steadyFrames;
    }
}
