package dev.srp.broker;

import org.apache.kafka.common.utils.Exit;

/**
 * Kafka ends the process (halt, exit code 1) on a fault it cannot recover from. When the process is already
 * stopping (Ctrl-C or SIGTERM, whose hooks remove the embedded broker's directory while it may still be starting),
 * such a fault is a consequence of the stop, not a failure: the stop goes on and the process ends with the signal's
 * exit code (130, 143) instead of 1. At any other time Kafka's own procedure runs unchanged.
 */
final class ExitDuringShutdown {
    private static boolean installed;

    private ExitDuringShutdown() {
    }

    static synchronized void install() {
        if (!installed) {
            Exit.setHaltProcedure(ExitDuringShutdown::halt);
            Exit.setExitProcedure(ExitDuringShutdown::exit);
            installed = true;
        }
    }

    private static void halt(int statusCode, String message) {
        if (!shuttingDown()) {
            Runtime.getRuntime().halt(statusCode);
        }
    }

    private static void exit(int statusCode, String message) {
        if (!shuttingDown()) {
            System.exit(statusCode);
        }
    }

    /** The JVM refuses new shutdown hooks once it has begun to shut down. */
    static boolean shuttingDown() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
        } catch (IllegalStateException e) {
            return true;
        }
        Runtime.getRuntime().removeShutdownHook(probe);
        return false;
    }
}
