package dev.srp.launcher;

import dev.srp.ingest.IngestConfig;
import dev.srp.pipeline.SourceSettings;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How ingest treats its source: shared by {@code srp ingest} and {@code srp upscale}. */
final class SourceOptions {
    @Option(names = "--open-timeout", defaultValue = "PT15S",
            description = "How long to wait for a source to open or send data, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration openTimeout = Duration.ofSeconds(15);

    @Option(names = "--allow-truncated",
            description = "Publish what decodes from a truncated input instead of failing.")
    boolean allowTruncated;

    @Option(names = "--reconnect-for", defaultValue = "PT5M",
            description = "How long to keep reconnecting to a network source that dropped before ending its stream; "
                    + "PT0S never reconnects (default: ${DEFAULT-VALUE}).")
    Duration reconnectFor = IngestConfig.DEFAULT_RECONNECT_FOR;

    SourceSettings settings() {
        return new SourceSettings(openTimeout, allowTruncated, reconnectFor);
    }
}
