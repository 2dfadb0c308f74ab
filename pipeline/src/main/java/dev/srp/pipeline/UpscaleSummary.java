package dev.srp.pipeline;

import dev.srp.egress.EgressResult;
import dev.srp.ingest.IngestResult;
import java.time.Duration;

/** What one upscale did, for the closing summary and for tests. */
public record UpscaleSummary(IngestResult ingest, EgressResult egress, String model, String device, Duration wall) {
    public double fps() {
        double seconds = wall.toNanos() / 1e9;
        return seconds > 0 ? egress.frames() / seconds : 0;
    }

    public String describe() {
        var src = ingest.source();
        return String.format(java.util.Locale.ROOT,
                "srp: wrote %s%n  frames %d, shots %d, %dx%d -> %dx%d at %s fps, audio %s%n"
                        + "  wall %.1f s, %.2f fps, model %s on %s, duplicates dropped %d",
                egress.shownOutput(), egress.frames(), ingest.shots(), src.width(), src.height(), egress.width(),
                egress.height(), egress.frameRate(), egress.audioChunks() > 0 ? "copied" : "none",
                wall.toNanos() / 1e9, fps(), model, device, egress.duplicatesDropped());
    }
}
