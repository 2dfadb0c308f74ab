package dev.srp.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The shipped deployment files pass their own tools' checks: promtool for the Prometheus configuration and alert
 * rules, docker-compose (Debian's 1.29, which validates without an engine) for the compose files.
 */
class DeployFilesIT {
    private static final Path HOME = SrpHome.path();

    @Test
    void prometheusConfigurationIsValid() throws Exception {
        check(HOME.resolve("deploy/prometheus"), "promtool", "check", "config", "prometheus.yml");
    }

    @Test
    void alertRulesAreValid() throws Exception {
        check(HOME.resolve("deploy/prometheus"), "promtool", "check", "rules", "alerts.yml");
    }

    @Test
    void composeFilesAreValid() throws Exception {
        check(HOME, "docker-compose", "-f", "docker-compose.yml", "config", "-q");
        check(HOME, "docker-compose", "-f", "docker-compose.yml", "-f", "docker-compose.gpu.yml", "config", "-q");
    }

    private static void check(Path dir, String... command) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            throw new AssertionError(command[0] + " is needed for this test: apt-get install prometheus "
                    + "docker-compose (.ci/run installs both)", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        assertEquals(0, p.exitValue(), String.join(" ", command) + ":\n" + out);
    }
}
