package dev.srp.pipeline;

import dev.srp.contract.KafkaConnection;
import dev.srp.ingest.IngestConfig;
import dev.srp.ingest.ShotConfig;
import java.time.Duration;

/** How a run treats its source (open timeout, truncated files, reconnects); turns into the ingest service's config. */
public record SourceSettings(Duration openTimeout, boolean allowTruncated, Duration reconnectFor) {
    /** For benchmarks on local files: strict, nothing to reconnect to. */
    public static SourceSettings strictFile() {
        return new SourceSettings(Duration.ofSeconds(15), false, Duration.ZERO);
    }

    public IngestConfig ingestConfig(String input, String streamId, KafkaConnection kafka) {
        return new IngestConfig(input, streamId, kafka, openTimeout, allowTruncated, ShotConfig.defaults(),
                reconnectFor);
    }
}
