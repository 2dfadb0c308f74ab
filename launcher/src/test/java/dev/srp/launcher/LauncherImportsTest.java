package dev.srp.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The launcher stays thin: it parses the command line and wires the services. Media decoding (JavaCV), the model
 * engine (DJL) and the worker's internals live in the services and in the bench module; the launcher reaches the
 * worker through its configuration and public API only.
 */
class LauncherImportsTest {
    private static final List<String> FORBIDDEN_PREFIXES = List.of("org.bytedeco.", "ai.djl.", "dev.srp.worker.masks.");
    /** The worker's API for the programs that start it. */
    private static final Set<String> WORKER_API = Set.of("WorkerConfig", "SrWorker", "WorkerMetrics", "ModelCatalog",
            "MaskSettings", "MaskMode", "MaskGeneratorKind", "MaskCacheReport", "InvalidOutputReport");

    @Test
    void launcherImportsNoMediaEngineOrWorkerInternals() throws IOException {
        List<String> offending = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (line.startsWith("import ") && forbidden(line.substring(7).replace(";", "").strip())) {
                        offending.add(file.getFileName() + ": " + line);
                    }
                }
            }
        }
        assertEquals(List.of(), offending);
    }

    private static boolean forbidden(String imported) {
        if (FORBIDDEN_PREFIXES.stream().anyMatch(imported::startsWith)) {
            return true;
        }
        return imported.startsWith("dev.srp.worker.")
                && !WORKER_API.contains(imported.substring("dev.srp.worker.".length()));
    }
}
