package dev.srp.worker;

import dev.srp.contract.FrameMessage;
import dev.srp.contract.SrpException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks every frame the model returns before it goes out. An invalid one ({@link InvalidOutput}) goes out as its
 * LR pixels for egress to scale bicubically, is counted by reason, and the first one of each stream is logged. A
 * file run whose model gave nothing but invalid frames for {@link #STOP_AFTER} frames in a row stops with an error,
 * rather than writing a file of fallbacks; a live run goes on bicubic, as it does when the model throws, and the
 * counter's alert tells the operator.
 */
final class OutputGuard {
    private static final Logger LOG = LoggerFactory.getLogger(OutputGuard.class);
    /** One second of 25 fps video: no real model is wrong that long by chance. */
    static final int STOP_AFTER = 25;

    private final String model;
    private final int scale;
    private final boolean live;
    private final WorkerMetrics metrics;
    private final Set<String> warnedStreams = new HashSet<>();
    private int invalidInARow;

    OutputGuard(String model, int scale, boolean live, WorkerMetrics metrics) {
        this.model = model;
        this.scale = scale;
        this.live = live;
        this.metrics = metrics;
    }

    /**
     * The message to send for {@code lr}: the model's frame, or the LR frame marked for egress to upscale.
     *
     * @param input the packed RGB24 pixels the model got for {@code lr}
     * @throws SrpException when a file run's model has given only invalid frames for too long
     */
    FrameMessage admit(FrameMessage lr, byte[] input, UpscaledFrame output) {
        Optional<InvalidOutput> invalid = InvalidOutput.of(output, input);
        if (invalid.isEmpty()) {
            invalidInARow = 0;
            return lr.withPixels(lr.width() * scale, lr.height() * scale, output.rgb());
        }
        InvalidOutput why = invalid.get();
        metrics.invalidOutput(why);
        invalidInARow++;
        if (!live && invalidInARow >= STOP_AFTER) {
            throw new SrpException("model " + model + " returned " + why.description() + " for " + invalidInARow
                    + " frames in a row (last: frame " + lr.frameIndex() + " of stream " + lr.streamId() + ")",
                    "the model or the engine it runs on is broken for this input: check the model with its own"
                            + " tests, or try another --model");
        }
        if (warnedStreams.add(lr.streamId())) {
            LOG.warn("model {} returned {} for frame {} of stream {}; such frames go out bicubic and are counted in"
                    + " srp_worker_invalid_outputs_total (logged once per stream)", model, why.description(),
                    lr.frameIndex(), lr.streamId());
        }
        return lr.upscaledLater(scale);
    }
}
