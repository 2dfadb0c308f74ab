package dev.srp.launcher;

import java.util.concurrent.CountDownLatch;

/** Keeps a long-running service alive until SIGTERM/SIGINT, then lets try-with-resources close it cleanly. */
final class ServiceRunner {
    private ServiceRunner() {
    }

    static void awaitShutdownSignal() {
        CountDownLatch stop = new CountDownLatch(1);
        Thread main = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.countDown();
            try {
                // Give the service's close() time to commit before the JVM exits.
                main.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "srp-shutdown"));
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
