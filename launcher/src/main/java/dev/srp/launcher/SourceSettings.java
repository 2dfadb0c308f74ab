package dev.srp.launcher;

import dev.srp.contract.KafkaConnection;
import dev.srp.ingest.IngestConfig;
import dev.srp.ingest.ShotConfig;
import java.time.Duration;

/** The source handling of one run (see {@link SourceOptions}); turns into the ingest service's config. */
record SourceSettings(Duration openTimeout, boolean allowTruncated, Duration reconnectFor) {
    /** For benchmarks on local files: strict, nothing to reconnect to. */
    static SourceSettings strictFile() {
        return new SourceSettings(Duration.ofSeconds(15), false, Duration.ZERO);
    }

    IngestConfig ingestConfig(String input, String streamId, KafkaConnection kafka) {
        return new IngestConfig(input, streamId, kafka, openTimeout, allowTruncated, ShotConfig.defaults(),
                reconnectFor);
    }
}
