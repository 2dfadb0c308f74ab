package dev.srp.launcher;

import dev.srp.contract.SrpException;
import dev.srp.egress.Egress;
import dev.srp.egress.EgressConfig;
import dev.srp.egress.EgressListener;
import dev.srp.egress.EgressMetrics;
import dev.srp.egress.EgressResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code srp egress --bootstrap B --output 'out/{stream}.mp4'}: encode every finished stream until stopped. */
@Command(name = "egress", mixinStandardHelpOptions = true,
        description = "Reorder upscaled frames and encode each stream to a file until stopped.")
final class EgressCommand implements Callable<Integer> {
    @Option(names = "--output", required = true, paramLabel = "TEMPLATE") String output;
    @Option(names = "--group-id", defaultValue = "srp-egress") String groupId;
    @Option(names = "--spill-dir", defaultValue = "${java.io.tmpdir}/srp-egress-spill") Path spillDir;
    @Option(names = "--reorder-buffer-bytes", defaultValue = "268435456") long reorderBufferBytes;
    @Option(names = "--live-gap-timeout", defaultValue = "PT60S") Duration liveGapTimeout;
    @Mixin EncodeOptions encode = new EncodeOptions();
    @Mixin ServiceOptions service = new ServiceOptions();

    @Override
    public Integer call() throws Exception {
        EgressConfig config = new EgressConfig(service.kafka.connection(), groupId, output, encode.videoCodec(),
                encode.crf, encode.preset, reorderBufferBytes, spillDir, encode.hlsWindow, liveGapTimeout);
        return service.serve(registry -> new Egress(config, new EgressMetrics(registry), new Report()),
                (egress, server) -> egress.start());
    }

    /** One line per stream on the terminal. */
    private static final class Report implements EgressListener {
        @Override
        public void onStreamFinished(EgressResult r) {
            System.out.printf("srp egress: stream %s: %d frames -> %s%n", r.streamId(), r.frames(), r.shownOutput());
        }

        @Override
        public void onStreamFailed(String streamId, SrpException error) {
            System.err.println("srp egress: stream " + streamId + " failed: " + error.oneLine());
        }
    }
}
