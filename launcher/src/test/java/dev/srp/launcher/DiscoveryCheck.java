package dev.srp.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs Prometheus's service discovery (promtool check service-discovery) for each srp job of a configuration, in a
 * network and mount namespace of its own where /etc/resolv.conf points at a dnsmasq that answers each service name
 * with one address per replica, and checks that every replica becomes a target.
 */
final class DiscoveryCheck {
    private DiscoveryCheck() {
    }

    /**
     * @param names    job -> the DNS name the deployment gives its replicas
     * @param replicas job -> how many replicas answer
     * @param port     the port the services serve metrics on
     */
    static void expect(Path parent, Path config, Map<String, String> names, Map<String, Integer> replicas, int port)
            throws Exception {
        Path dir = Files.createTempDirectory(parent, "discovery");
        Files.copy(config, dir.resolve("prometheus.yml"));
        Files.copy(config.resolveSibling("alerts.yml"), dir.resolve("alerts.yml"));
        StringBuilder hosts = new StringBuilder();
        Map<String, Set<String>> expected = new java.util.HashMap<>();
        int subnet = 1;
        for (String job : names.keySet()) {
            Set<String> targets = new TreeSet<>();
            for (int i = 1; i <= replicas.get(job); i++) {
                String ip = "10.77." + subnet + "." + i;
                hosts.append(ip).append(' ').append(names.get(job)).append('\n');
                targets.add(ip + ":" + port);
            }
            expected.put(job, targets);
            subnet++;
        }
        Files.writeString(dir.resolve("hosts"), hosts);
        Files.writeString(dir.resolve("resolv.conf"), "nameserver 127.0.0.1\noptions ndots:1\n");
        String probe = names.values().iterator().next();
        // dnsmasq wants absolute paths, and stays root to read them in the private test directory; a failure prints its log
        StringBuilder script = new StringBuilder("set -e; cd '" + dir + "'; ip link set lo up; "
                + "mount --bind resolv.conf /etc/resolv.conf; "
                + "dnsmasq --keep-in-foreground --no-resolv --no-hosts --addn-hosts=\"$PWD/hosts\" "
                + "--user=root --listen-address=127.0.0.1 --bind-interfaces --pid-file=\"$PWD/dnsmasq.pid\" "
                + "--log-facility=\"$PWD/dnsmasq.log\" & dns=$!; "
                + "trap 'rc=$?; kill $dns 2>/dev/null || rc=1; [ $rc = 0 ] || cat hosts dnsmasq.log; exit $rc' EXIT; "
                + "for i in $(seq 100); do getent hosts " + probe + " >/dev/null && break; sleep 0.1; done; "
                + "getent hosts " + probe + "; ");
        for (String job : names.keySet()) {
            script.append("promtool check service-discovery --timeout=3s prometheus.yml ").append(job)
                    .append(" > ").append(job).append(".json 2> ").append(job).append(".log & pids=\"$pids $!\"; ");
        }
        script.append("for p in $pids; do wait $p; done");
        List<String> command = new ArrayList<>();
        if (!"root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("sudo", "-n")); // a network and mount namespace of its own needs root
        }
        command.addAll(List.of("unshare", "--net", "--mount", "sh", "-c", script.toString()));
        DeployFilesIT.check(dir, command.toArray(String[]::new));

        ObjectMapper json = new ObjectMapper();
        for (String job : names.keySet()) {
            Set<String> found = new TreeSet<>();
            JsonNode targets = json.readTree(dir.resolve(job + ".json").toFile());
            for (JsonNode t : targets) {
                if (job.equals(t.path("labels").path("job").asText())) {
                    found.add(t.path("labels").path("__address__").asText());
                }
            }
            assertEquals(expected.get(job), found, config.getFileName() + ", job " + job + " looking up "
                    + names.get(job) + ": " + Files.readString(dir.resolve(job + ".log")));
        }
    }
}
