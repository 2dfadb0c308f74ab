package dev.srp.launcher;

import java.util.Locale;

/** The side-by-side table {@code srp bench} prints: absolute figures and ratios against FFmpeg bicubic. */
/** The first row is the baseline the ratios are taken against. */
record BenchResults(String input, String model, java.util.List<Row> rows) {
    /**
     * @param steadySeconds time excluding start-up (first to last frame), NaN when not measured separately
     */
    record Row(String what, long frames, double wallSeconds, double steadySeconds) {
        double wallFps() {
            return frames / wallSeconds;
        }

        double steadyFps() {
            return Double.isNaN(steadySeconds) ? wallFps() : frames / steadySeconds;
        }
    }

    String table() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "srp bench: %s, model %s, %d cores%n", input, model,
                Runtime.getRuntime().availableProcessors()));
        b.append(String.format(Locale.ROOT, "%-48s %7s %9s %9s %11s %12s%n", "what", "frames", "wall s", "wall fps",
                "steady fps", "vs ffmpeg"));
        Row baseline = rows.get(0);
        for (Row r : rows) {
            b.append(String.format(Locale.ROOT, "%-48s %7d %9.2f %9.1f %11.1f %11.2fx%n", r.what(), r.frames(),
                    r.wallSeconds(), r.wallFps(), r.steadyFps(), r.steadyFps() / baseline.steadyFps()));
        }
        b.append("steady fps leaves out start-up (broker, model load, warm-up); ratios use steady fps.");
        return b.toString();
    }
}
