package dev.srp.launcher;

import dev.srp.pipeline.SourceSettings;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How ingest treats its source: shared by {@code srp ingest} and {@code srp upscale}. */
final class SourceOptions {
    @Option(names = "--open-timeout", defaultValue = "PT15S") Duration openTimeout;
    @Option(names = "--allow-truncated") boolean allowTruncated;
    @Option(names = "--reconnect-for", defaultValue = "PT5M") Duration reconnectFor;

    SourceSettings settings() {
        return new SourceSettings(openTimeout, allowTruncated, reconnectFor);
    }
}
