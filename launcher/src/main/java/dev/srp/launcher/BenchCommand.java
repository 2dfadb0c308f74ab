package dev.srp.launcher;

import dev.srp.bench.PipelineBench;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code srp bench INPUT}: pipeline, model-only and FFmpeg-bicubic throughput with fidelity ({@link PipelineBench}). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure pipeline, model-only and FFmpeg-bicubic throughput on INPUT, side by side, with the "
                + "fidelity of each output.")
final class BenchCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "INPUT", descriptionKey = "input") String input;
    @Option(names = "--runs", defaultValue = "1") int runs;
    @Option(names = "--reference", paramLabel = "HR") String reference;
    @Mixin ModelOptions model = new ModelOptions();
    @Mixin EncodeOptions encode = new EncodeOptions();

    @Override
    public Integer call() {
        System.out.println(new PipelineBench(input, runs, reference, model.modelPath(), model.scale, model.batchSize,
                model.threads(), model.maskSettings(), encode.videoCodec(), encode.crf, encode.preset).run());
        return 0;
    }
}
