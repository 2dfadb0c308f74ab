package dev.srp.launcher;

import dev.srp.bench.PayloadBench;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code srp bench-payload INPUT}: size and cost of each frame payload encoding ({@link PayloadBench}). */
@Command(name = "bench-payload", mixinStandardHelpOptions = true,
        description = "Compare frame payload encodings (size, encode and decode time) on frames of INPUT.")
final class PayloadBenchCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "INPUT", descriptionKey = "input") String input;
    @Option(names = "--frames", defaultValue = "20") int frames;

    @Override
    public Integer call() {
        new PayloadBench(input, frames).run();
        return 0;
    }
}
