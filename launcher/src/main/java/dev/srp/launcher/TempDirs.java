package dev.srp.launcher;

import dev.srp.contract.SrpException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Working directories of one run: made under java.io.tmpdir, removed afterwards on a best-effort basis. */
final class TempDirs {
    private TempDirs() {
    }

    static Path create(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new SrpException("cannot create a working directory: " + e.getMessage(),
                    "check that java.io.tmpdir is writable and has space", e);
        }
    }

    static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: the OS cleans temp directories eventually
        }
    }
}
