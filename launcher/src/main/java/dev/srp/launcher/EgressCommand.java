package dev.srp.launcher;

import dev.srp.contract.SrpException;
import dev.srp.egress.Egress;
import dev.srp.egress.EgressConfig;
import dev.srp.egress.EgressListener;
import dev.srp.egress.EgressMetrics;
import dev.srp.egress.EgressResult;
import io.prometheus.client.CollectorRegistry;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code srp egress --bootstrap B --output 'out/{stream}.mp4'}: encode every finished stream until stopped. */
@Command(name = "egress", mixinStandardHelpOptions = true,
        description = "Reorder upscaled frames and encode each stream to a file until stopped.")
final class EgressCommand implements Callable<Integer> {
    @Option(names = "--output", required = true, paramLabel = "TEMPLATE",
            description = "Output path or push URL; {stream} is replaced by the stream id, e.g. out/{stream}.mp4, "
                    + "live/{stream}.m3u8 or rtmp://media.local/live/{stream}.")
    String output;

    @Option(names = "--group-id", defaultValue = "srp-egress",
            description = "Consumer group (default: ${DEFAULT-VALUE}).")
    String groupId;

    @Option(names = "--spill-dir", defaultValue = "${java.io.tmpdir}/srp-egress-spill",
            description = "Where out-of-order frames wait when the memory buffer is full (default: ${DEFAULT-VALUE}).")
    Path spillDir;

    @Option(names = "--reorder-buffer-bytes", defaultValue = "268435456",
            description = "Memory for out-of-order frames before spilling to disk (default: ${DEFAULT-VALUE}).")
    long reorderBufferBytes;

    @Option(names = "--live-gap-timeout", defaultValue = "PT60S",
            description = "Live outputs (HLS, push): how long to wait for a missing frame before the stream goes on "
                    + "without it, ISO-8601; longer than a worker failover (default: ${DEFAULT-VALUE}).")
    java.time.Duration liveGapTimeout = EgressConfig.DEFAULT_LIVE_GAP_TIMEOUT;

    @Mixin
    EncodeOptions encode = new EncodeOptions();

    @Mixin
    ServiceOptions service = new ServiceOptions();

    @Override
    public Integer call() {
        KafkaOptions kafka = service.kafka;
        CollectorRegistry registry = new CollectorRegistry();
        EgressConfig config = new EgressConfig(kafka.connection(), groupId, output, encode.videoCodec(),
                encode.crf, encode.preset, reorderBufferBytes, spillDir, encode.hlsWindow, liveGapTimeout);
        try (MetricsServer server = service.start(registry)) {
            try (Egress egress = new Egress(config, new EgressMetrics(registry), new EgressListener() {
                @Override
                public void onStreamFinished(EgressResult r) {
                    System.out.printf("srp egress: stream %s: %d frames -> %s%n", r.streamId(), r.frames(),
                            r.shownOutput());
                }

                @Override
                public void onStreamFailed(String streamId, SrpException error) {
                    System.err.println("srp egress: stream " + streamId + " failed: " + error.oneLine());
                }
            })) {
                egress.start();
                ServiceRunner.awaitShutdownSignal();
            }
            return 0;
        }
    }
}
