package dev.srp.launcher;

import java.nio.file.Path;

/** The srp installation directory (set by the ./srp script), where the shipped models live. */
final class SrpHome {
    private SrpHome() {
    }

    static Path path() {
        String home = System.getProperty("srp.home", System.getenv().getOrDefault("SRP_HOME", "."));
        return Path.of(home).toAbsolutePath().normalize();
    }
}
