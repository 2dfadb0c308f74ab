package dev.srp.launcher;

import dev.srp.media.FfmpegLog;
import java.util.Map;

/**
 * Sets slf4j-simple's levels before the first logger exists: quiet by default so the progress bar and the one-line
 * errors are what a user sees; --verbose shows the services' and Kafka's logs. Levels given on the JVM's command
 * line (SRP_JAVA_OPTS) win: a logger's own ({@code -Dorg.slf4j.simpleLogger.log.NAME=LEVEL}) is kept, and a default
 * level ({@code -Dorg.slf4j.simpleLogger.defaultLogLevel=LEVEL}) applies to every logger the user did not name,
 * without srp's quieter levels for Kafka, the broker and DJL in between.
 */
final class Logging {
    private static final String PREFIX = "org.slf4j.simpleLogger.";
    /**
     * The embedded broker's own loggers. On a one-node, one-shot cluster it logs errors that are part of normal
     * operation (a producer's sequence check after a transaction aborts, a fetch racing a deleted segment); srp
     * reports every failure that matters in its own words, so these stay out of the user's terminal.
     */
    private static final String[] BROKER = {"kafka", "state.change.logger", "org.apache.kafka.storage",
            "org.apache.kafka.server", "org.apache.kafka.controller", "org.apache.kafka.raft",
            "org.apache.kafka.metadata", "org.apache.kafka.image", "org.apache.kafka.coordinator",
            "org.apache.kafka.queue", "org.apache.kafka.network", "org.apache.kafka.security",
            "org.apache.kafka.snapshot", "org.apache.kafka.tools", "org.apache.kafka.deferred"};

    private Logging() {
    }

    static void configure(boolean verbose) {
        boolean userLevel = System.getProperty(PREFIX + "defaultLogLevel") != null;
        setUnlessGiven("defaultLogLevel", verbose ? "info" : "warn");
        setUnlessGiven("logFile", "System.err");
        setUnlessGiven("showDateTime", "true");
        if (verbose || userLevel) {
            return;
        }
        // FFmpeg's own error lines ("moov atom not found") repeat what srp's error line says in the user's terms
        if (System.getProperty(FfmpegLog.QUIET_PROPERTY) == null) {
            System.setProperty(FfmpegLog.QUIET_PROPERTY, "true");
        }
        for (String logger : BROKER) {
            setUnlessGiven("log." + logger, "off");
        }
        for (Map.Entry<String, String> e : Map.of(
                // the Kafka clients warn about things that are expected on a one-node, one-shot cluster
                "org.apache.kafka", "error",
                // a failed stream thread is reported by the worker in one line (and by srp's error line); Streams'
                // own reports of it are three stack traces
                "org.apache.kafka.streams", "off",
                "ai.djl", "error").entrySet()) {
            setUnlessGiven("log." + e.getKey(), e.getValue());
        }
    }

    private static void setUnlessGiven(String key, String value) {
        if (System.getProperty(PREFIX + key) == null) {
            System.setProperty(PREFIX + key, value);
        }
    }
}
