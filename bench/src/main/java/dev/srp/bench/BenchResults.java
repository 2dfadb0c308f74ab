package dev.srp.bench;

import java.util.List;
import java.util.Locale;

/**
 * The side-by-side table {@code srp bench} prints: absolute figures and ratios against FFmpeg bicubic, and beside
 * each speed whether its pixels are right. The first row is the baseline the ratios are taken against.
 */
record BenchResults(String input, String model, String reference, List<Row> rows) {
    /**
     * @param steadySeconds time excluding start-up (first to last frame), NaN when not measured separately
     * @param invalid       frames the model returned non-finite or flat (the pipeline's also counts flat frames in
     *                      what it wrote); -1 where it does not apply
     * @param minVsModel    the worst frame's Y-PSNR against the model-only output, dB; NaN where it does not apply
     * @param meanVsModel   the mean of those, dB
     * @param vsReference   mean Y-PSNR against the --reference video, dB; NaN without one
     */
    record Row(String what, long frames, double wallSeconds, double steadySeconds, long invalid, double minVsModel,
               double meanVsModel, double vsReference) {
        Row(String what, long frames, double wallSeconds, double steadySeconds) {
            this(what, frames, wallSeconds, steadySeconds, -1, Double.NaN, Double.NaN, Double.NaN);
        }

        double wallFps() {
            return frames / wallSeconds;
        }

        double steadyFps() {
            return Double.isNaN(steadySeconds) ? wallFps() : frames / steadySeconds;
        }

        Row withInvalid(long frames) {
            return new Row(what, this.frames, wallSeconds, steadySeconds, frames, minVsModel, meanVsModel,
                    vsReference);
        }

        Row withVsModel(double min, double mean) {
            return new Row(what, frames, wallSeconds, steadySeconds, invalid, min, mean, vsReference);
        }

        Row withVsReference(double mean) {
            return new Row(what, frames, wallSeconds, steadySeconds, invalid, minVsModel, meanVsModel, mean);
        }
    }

    String table() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "srp bench: %s, model %s, %d cores%s%n", input, model,
                Runtime.getRuntime().availableProcessors(), reference == null ? "" : ", reference " + reference));
        b.append(String.format(Locale.ROOT, "%-44s %6s %8s %8s %7s %9s %8s %17s %8s%n", "what", "frames", "wall s",
                "wall fps", "steady", "vs ffmpeg", "invalid", "vs model min/mean", "vs ref"));
        Row baseline = rows.get(0);
        for (Row r : rows) {
            b.append(String.format(Locale.ROOT, "%-44s %6d %8.2f %8.1f %7.1f %8.2fx %8s %17s %8s%n", r.what(),
                    r.frames(), r.wallSeconds(), r.wallFps(), r.steadyFps(), r.steadyFps() / baseline.steadyFps(),
                    r.invalid() < 0 ? "-" : Long.toString(r.invalid()),
                    Double.isNaN(r.meanVsModel()) ? "-" : dB(r.minVsModel()) + " / " + dB(r.meanVsModel()),
                    Double.isNaN(r.vsReference()) ? "-" : dB(r.vsReference())));
        }
        b.append(String.format("steady fps leaves out start-up (broker, model load, warm-up); ratios use steady fps.%n"
                + "invalid: frames the model returned with NaN or infinity, or flat for an input that is not (the "
                + "pipeline's went out bicubic).%n"
                + "vs model: Y-PSNR dB of what the pipeline wrote against the model-only output on the same frames, "
                + "masks and noise (lossless output: 8-bit rounding only, about 56 dB; H.264: its coding loss)."));
        if (reference != null) {
            b.append(String.format("%nvs ref: mean Y-PSNR dB against the reference video."));
        }
        return b.toString();
    }

    private static String dB(double v) {
        return Double.isInfinite(v) ? "inf" : String.format(Locale.ROOT, "%.2f", v);
    }
}
