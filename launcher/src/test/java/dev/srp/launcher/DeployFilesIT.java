package dev.srp.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The shipped deployment files pass their own tools' checks: promtool for the Prometheus configurations and alert
 * rules, docker-compose (Debian's 1.29, which validates without an engine) for the compose files, kubectl's kustomize
 * for the Kubernetes overlays with the Kubernetes API's and KEDA's schemas (deploy/k8s/check). Scaled workers get a
 * state directory each, KEDA watches the workers' own consumer group, and Prometheus's own discovery code, fed by a
 * real DNS server, lists every replica.
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

    @Test
    void prometheusKubernetesConfigurationIsValid() throws Exception {
        check(HOME.resolve("deploy/prometheus"), "promtool", "check", "config", "prometheus-k8s.yml");
    }

    @Test
    void kubernetesOverlaysPassTheApiSchemas() throws Exception {
        for (String overlay : OVERLAYS) {
            String out = checkWithInput(HOME, KubernetesManifests.render(overlay), "node", "deploy/k8s/check/check.js");
            assertTrue(out.contains("ScaledObject/sr-worker"), overlay + ": " + out);
        }
    }

    /**
     * KEDA scales the worker Deployment on the lag of the consumer group the workers form, on the topic they read,
     * never past its partitions; every replica (a pod, whose host name is its own) gets a state directory of its
     * own. The worker's options are read with srp's own command-line parser.
     */
    @Test
    void kubernetesWorkersGetAStateDirectoryEachAndScaleOnTheirOwnLag() throws Exception {
        for (String overlay : OVERLAYS) {
            KubernetesManifests m = KubernetesManifests.of(overlay);
            com.fasterxml.jackson.databind.JsonNode container = m.container("Deployment", "sr-worker");
            List<String> args = new java.util.ArrayList<>();
            container.path("args").forEach(a -> args.add(a.asText()));
            assertEquals("worker", args.get(0), overlay);
            Map<String, String> env = m.environment(container);
            WorkerCommand worker = new WorkerCommand();
            picocli.CommandLine parser = new picocli.CommandLine(worker);
            parser.setDefaultValueProvider(new EnvironmentDefaults(env::get));
            parser.parseArgs(args.subList(1, args.size()).toArray(String[]::new));

            Path a = StateDirTemplate.resolve(worker.stateDir, "sr-worker-7d9f8b6c4-x2k9q");
            Path b = StateDirTemplate.resolve(worker.stateDir, "sr-worker-7d9f8b6c4-p8m3z");
            assertNotEquals(a, b, overlay + ": two worker pods would share " + worker.stateDir);
            assertTrue(m.mountPaths(container).stream().anyMatch(a::startsWith),
                    overlay + ": the state directory " + a + " is on no volume of the pod");

            com.fasterxml.jackson.databind.JsonNode scaler = m.object("ScaledObject", "sr-worker").path("spec");
            assertEquals("sr-worker", scaler.path("scaleTargetRef").path("name").asText(), overlay);
            com.fasterxml.jackson.databind.JsonNode trigger = scaler.path("triggers").get(0);
            assertEquals("kafka", trigger.path("type").asText(), overlay);
            com.fasterxml.jackson.databind.JsonNode meta = trigger.path("metadata");
            assertEquals(worker.applicationId, meta.path("consumerGroup").asText(),
                    overlay + ": KEDA watches another consumer group than the workers form");
            assertEquals(dev.srp.contract.Topics.withPrefix(worker.service.kafka.topicPrefix).framesLr(),
                    meta.path("topic").asText(), overlay + ": KEDA watches another topic than the workers read");
            String bootstrapVar = meta.path("bootstrapServersFromEnv").asText();
            assertEquals(worker.service.kafka.bootstrap, env.get(bootstrapVar),
                    overlay + ": KEDA's bootstrap variable " + bootstrapVar + " is not the workers' broker");
            assertTrue(scaler.path("maxReplicaCount").asInt() <= worker.service.kafka.partitions, overlay
                    + ": more workers than partitions of the topic srp creates would sit idle");
        }
    }

    /**
     * Prometheus finds every replica: the real discovery code (promtool check service-discovery) runs against a real
     * DNS server (dnsmasq) that answers the deployments' service names the way Docker's DNS and Kubernetes' DNS do,
     * with one address per replica, in a network namespace of its own. The names come from the compose file and the
     * rendered Services, the ports from the services' metrics settings, so a renamed service or a moved port fails.
     */
    @Test
    void prometheusDiscoversEveryReplica(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Map<String, Integer> replicas = Map.of("srp-ingest", 2, "srp-worker", 3, "srp-egress", 1);
        // compose: a service's name resolves to each of its containers
        Map<String, String> composeNames = Map.of("srp-ingest", "ingest", "srp-worker", "sr-worker",
                "srp-egress", "egress");
        List<String> services = check(HOME, "docker-compose", "-f", "docker-compose.yml", "config", "--services")
                .lines().toList();
        for (String service : composeNames.values()) {
            assertTrue(services.contains(service), "no compose service " + service);
        }
        String composePort = composeEnvironment("SRP_METRICS_PORT");
        DiscoveryCheck.expect(dir, HOME.resolve("deploy/prometheus/prometheus.yml"), composeNames, replicas,
                Integer.parseInt(composePort.strip()));
        // Kubernetes: a headless Service's name resolves to each ready pod it selects
        KubernetesManifests m = KubernetesManifests.of("cpu");
        Map<String, String> k8sNames = Map.of("srp-ingest", m.headlessServiceFor("ingest"),
                "srp-worker", m.headlessServiceFor("sr-worker"), "srp-egress", m.headlessServiceFor("egress"));
        DiscoveryCheck.expect(dir, HOME.resolve("deploy/prometheus/prometheus-k8s.yml"), k8sNames, replicas,
                m.metricsPort("sr-worker"));
    }

    private static String composeEnvironment(String name) throws Exception {
        java.util.regex.Matcher v = java.util.regex.Pattern.compile(name + ": '?(\\d+)'?")
                .matcher(check(HOME, "docker-compose", "-f", "docker-compose.yml", "config"));
        assertTrue(v.find(), name + " not in the compose file");
        return v.group(1);
    }

    private static final List<String> OVERLAYS = List.of("cpu", "gpu");

    static String check(Path dir, String... command) throws Exception {
        return checkWithInput(dir, null, command);
    }

    /** Runs a tool; its standard output is the answer, its errors (warnings, too) only go into a failure. */
    static String checkWithInput(Path dir, String input, String... command) throws Exception {
        Path errors = java.nio.file.Files.createTempFile("deploy-check", ".err");
        try {
            Process p;
            try {
                p = new ProcessBuilder(List.of(command)).directory(dir.toFile())
                        .redirectError(errors.toFile()).start();
            } catch (java.io.IOException e) {
                throw new AssertionError(command[0] + " is needed for this test: apt-get install prometheus "
                        + "docker-compose dnsmasq-base, and kubectl and Node.js with npm ci in deploy/k8s/check "
                        + "(.ci/run installs them)", e);
            }
            try (java.io.OutputStream in = p.getOutputStream()) {
                if (input != null) {
                    in.write(input.getBytes(StandardCharsets.UTF_8));
                }
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            assertEquals(0, p.exitValue(), String.join(" ", command) + ":\n" + out
                    + java.nio.file.Files.readString(errors));
            return out;
        } finally {
            java.nio.file.Files.deleteIfExists(errors);
        }
    }
}
