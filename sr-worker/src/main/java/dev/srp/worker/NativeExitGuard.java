package dev.srp.worker;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Holds the JVM's exit back while a thread loads libtorch or warms a model up. A JVM that exits (Ctrl-C, SIGTERM)
 * while another thread is inside libtorch's library initialisation crashes in its exit handlers (SIGSEGV, a crash
 * report instead of a clean stop); with this guard the shutdown waits for that work to end, a few seconds at most,
 * and work that had not begun when the shutdown started does not begin.
 */
final class NativeExitGuard {
    private static final long LONGEST_WAIT_SECONDS = 60;
    private static final ReentrantLock BUSY = new ReentrantLock();
    /** Guarded by BUSY. */
    private static boolean shuttingDown;

    static {
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(NativeExitGuard::awaitIdle, "srp-native-exit-guard"));
        } catch (IllegalStateException e) {
            shuttingDown = true;   // already shutting down: nothing may start now
        }
    }

    private NativeExitGuard() {
    }

    /** Registers the guard; call it before starting a thread that may load libtorch. */
    static void install() {
        // the static initialiser does the work
    }

    static void run(Runnable nativeWork) {
        BUSY.lock();
        try {
            if (shuttingDown) {
                throw new IllegalStateException("the JVM is shutting down");
            }
            nativeWork.run();
        } finally {
            BUSY.unlock();
        }
    }

    private static void awaitIdle() {
        try {
            if (BUSY.tryLock(LONGEST_WAIT_SECONDS, TimeUnit.SECONDS)) {
                shuttingDown = true;
                BUSY.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
