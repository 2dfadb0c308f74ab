package dev.srp.launcher;

import dev.srp.bench.TrainingMasks;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code srp masks IMAGE|DIR... --output DIR}: the built-in generator's masks of still images ({@link TrainingMasks}). */
@Command(name = "masks", mixinStandardHelpOptions = true,
        description = "Write the built-in generator's masks of images (PNG/JPEG, or folders of them) as "
                + "NAME.masks.npy.gz (uint8 [M,h,w]) for model training and evaluation.")
final class MasksCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "IMAGE|DIR", descriptionKey = "inputs") List<Path> inputs;
    // --output as in every other command; --out, its first name, still works
    @Option(names = {"--output", "--out"}, required = true, paramLabel = "DIR") Path out;

    @Override
    public Integer call() throws IOException {
        TrainingMasks.write(inputs, out);
        return 0;
    }
}
