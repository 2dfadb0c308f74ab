package dev.srp.pipeline;

import dev.srp.contract.SrpException;
import dev.srp.egress.EgressConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** What {@code srp upscale} checks about OUTPUT before it starts anything. */
final class OutputTarget {
    private OutputTarget() {
    }

    /**
     * Refuses an output egress cannot write (a directory, an unknown extension) and one that is the input itself:
     * the same file by identity, so a symbolic or hard link or another spelling of the path is caught too.
     *
     * @param inputFile the local input file, empty for a network source
     */
    static void check(String output, Optional<Path> inputFile) {
        EgressConfig.requireSupportedOutput(output);
        if (EgressConfig.isPushed(output) || inputFile.isEmpty()) {
            return;
        }
        // the file egress would replace: the path as the launcher resolves it, and as the kernel would
        Path written = Path.of(output).toAbsolutePath().normalize();
        Path in = inputFile.get();
        if (isSameFile(written, in) || isSameFile(Path.of(output), in)) {
            boolean sameSpelling = written.equals(in.toAbsolutePath().normalize()) && !Files.isSymbolicLink(written);
            throw new SrpException("output " + output + " is the input " + in
                    + (sameSpelling ? "" : " (the same file under another name)")
                    + "; srp would overwrite the video it reads", "choose another OUTPUT path");
        }
    }

    private static boolean isSameFile(Path output, Path input) {
        if (!Files.exists(output)) {
            return false;
        }
        try {
            return Files.isSameFile(output, input);
        } catch (IOException e) {
            return false; // the input's own check reports an unreadable input
        }
    }
}
