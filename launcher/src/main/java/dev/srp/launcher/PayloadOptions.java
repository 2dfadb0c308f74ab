package dev.srp.launcher;

import dev.srp.contract.PayloadCodec;
import dev.srp.contract.SrpException;
import java.util.Locale;
import picocli.CommandLine.Option;

/** How the SR worker packs upscaled frames on Kafka; measured trade-off in docs/payload-encoding.md. */
final class PayloadOptions {
    @Option(names = "--hr-payload", defaultValue = "delta-zstd") String hrPayload;

    PayloadCodec codec() {
        return switch (hrPayload.toLowerCase(Locale.ROOT)) {
            case "raw" -> PayloadCodec.RAW;
            case "delta-zstd" -> PayloadCodec.DELTA_ZSTD;
            default -> throw new SrpException("unknown --hr-payload '" + hrPayload + "'", "use raw or delta-zstd");
        };
    }
}
