package dev.srp.launcher;

/**
 * Sets slf4j-simple's levels before the first logger exists: quiet by default so the progress bar and the one-line
 * errors are what a user sees; --verbose shows the services' and Kafka's logs.
 */
final class Logging {
    private Logging() {
    }

    static void configure(boolean verbose) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "warn");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        if (!verbose) {
            // The broker and clients warn about things that are expected on a one-node, one-shot cluster.
            System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
            System.setProperty("org.slf4j.simpleLogger.log.kafka", "error");
            System.setProperty("org.slf4j.simpleLogger.log.state.change.logger", "error");
            // A failed stream thread is reported by the worker in one line (and by srp's error line); Streams'
            // own reports of it are three stack traces.
            System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka.streams", "off");
            System.setProperty("org.slf4j.simpleLogger.log.ai.djl", "error");
        }
    }
}
