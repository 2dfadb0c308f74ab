package dev.srp.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /**
     * {@code docker-compose up --scale sr-worker=N} starts N workers on one state volume; Kafka Streams locks its
     * state directory, so each replica needs a directory of its own: the worker's {@code --state-dir} holds
     * {@code {host}}, which every replica fills with its container's name.
     */
    @Test
    void composeWorkerReplicasGetAStateDirectoryEach() throws Exception {
        for (String[] files : List.of(new String[] {"-f", "docker-compose.yml"},
                new String[] {"-f", "docker-compose.yml", "-f", "docker-compose.gpu.yml"})) {
            List<String> command = new java.util.ArrayList<>(List.of("docker-compose"));
            command.addAll(List.of(files));
            command.add("config");
            String config = check(HOME, command.toArray(String[]::new));
            String worker = config.substring(config.indexOf("\n  sr-worker:"));
            java.util.regex.Matcher stateDir = java.util.regex.Pattern
                    .compile("- --state-dir\\n\\s+- (\\S+)").matcher(worker);
            assertTrue(stateDir.find(), "no --state-dir in the worker's command:\n" + worker);
            String template = stateDir.group(1);
            Path a = StateDirTemplate.resolve(template, "3f2a9c1d0e7b");
            Path b = StateDirTemplate.resolve(template, "8c41d2e9a6f0");
            assertNotEquals(a, b, "two replicas would share " + template);
        }
    }

    private static String check(Path dir, String... command) throws Exception {
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
        return out;
    }
}
