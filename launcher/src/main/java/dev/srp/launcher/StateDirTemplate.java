package dev.srp.launcher;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;

/**
 * {@code --state-dir} with {@code {host}} in it: each worker replica gets a directory of its own on a volume they
 * share. Kafka Streams locks its state directory, so replicas on one directory (a compose volume, a Kubernetes
 * persistent volume) fail to start; the host name is the container's or pod's name, distinct per replica.
 */
final class StateDirTemplate {
    static final String HOST = "{host}";

    private StateDirTemplate() {
    }

    static Path resolve(String template) {
        return resolve(template, hostName());
    }

    static Path resolve(String template, String hostName) {
        // a host name is a path segment here: nothing in it may climb out of the template's directory
        String segment = hostName.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^\\.+", "_");
        return Path.of(template.replace(HOST, segment));
    }

    /** Docker and Kubernetes set HOSTNAME to the container's or pod's name; elsewhere the machine's name. */
    static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
