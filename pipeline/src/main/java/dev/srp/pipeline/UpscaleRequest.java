package dev.srp.pipeline;

import dev.srp.egress.VideoCodec;
import dev.srp.worker.MaskSettings;
import dev.srp.egress.EgressConfig;
import java.nio.file.Path;

/** Everything one {@code srp upscale} run needs, validated once. */
public record UpscaleRequest(String input, String output, Path model, int scale, VideoCodec codec, int crf,
                             String preset,
                             int batchSize, int inferenceThreads, SourceSettings source,
                             dev.srp.contract.PayloadCodec hrPayload, MaskSettings masks,
                             java.time.Duration latencyBudget, int hlsWindow) {
    public UpscaleRequest {
        if (input == null || input.isBlank()) {
            throw new IllegalArgumentException("input is required");
        }
        if (output == null || output.isBlank()) {
            throw new IllegalArgumentException("output is required");
        }
    }

    /** The output as a normalised absolute path (a push URL as given); {@link #output()} is what the user typed. */
    public String outputTarget() {
        return EgressConfig.isPushed(output) ? output : Path.of(output).toAbsolutePath().normalize().toString();
    }
}
