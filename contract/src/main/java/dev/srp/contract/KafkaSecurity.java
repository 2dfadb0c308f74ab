package dev.srp.contract;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Kafka client security settings (TLS and SASL) from a properties file, passed unchanged to every Kafka client an
 * srp service creates: {@code security.protocol}, {@code ssl.*} and {@code sasl.*}. Nothing else is accepted, so a
 * file cannot quietly override the size limits or transactions srp relies on. {@link #toString()} shows the keys
 * only: these files hold passwords and JAAS lines, and configs end up in logs.
 */
public record KafkaSecurity(Map<String, String> settings) {
    public static final KafkaSecurity NONE = new KafkaSecurity(Map.of());

    public KafkaSecurity {
        settings = Map.copyOf(settings);
        for (String key : settings.keySet()) {
            if (!allowed(key)) {
                throw new SrpException("Kafka security setting '" + key + "' is not a security setting",
                        "put only security.protocol, ssl.* and sasl.* settings in the --kafka-config file; srp sets "
                                + "the other client settings itself");
            }
        }
    }

    private static boolean allowed(String key) {
        return key.equals("security.protocol") || key.startsWith("ssl.") || key.startsWith("sasl.");
    }

    /** Reads a Java properties file of client security settings. */
    public static KafkaSecurity load(Path file) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new SrpException("cannot read the Kafka config " + file + ": " + e.getMessage(),
                    "pass a readable Java properties file with security.protocol, ssl.* and sasl.* settings", e);
        }
        Map<String, String> settings = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> settings.put(k, p.getProperty(k).strip()));
        try {
            return new KafkaSecurity(settings);
        } catch (SrpException e) {
            throw new SrpException(e.getMessage() + " (in " + file + ")", e.hint());
        }
    }

    /** Adds these settings to a client's config and returns it. */
    public <M extends Map<? super String, Object>> M applyTo(M clientConfig) {
        settings.forEach(clientConfig::put);
        return clientConfig;
    }

    @Override
    public String toString() {
        return settings.isEmpty() ? "KafkaSecurity[none]"
                : settings.keySet().stream().sorted().collect(Collectors.joining(", ", "KafkaSecurity[", "]"));
    }
}
