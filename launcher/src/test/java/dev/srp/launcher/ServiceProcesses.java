package dev.srp.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * srp services ({@code srp worker}, {@code srp egress}) as separate JVMs started from the command line, the way a
 * cluster runs them. Each logs to {@code DIR/NAME.log}; failures quote every log. Close it before the broker, or the
 * services wait out their commit timeouts against a dead broker.
 */
final class ServiceProcesses implements AutoCloseable {
    /** What {@link Process#exitValue()} reports on Linux for a process ended by SIGKILL: 128 + 9. */
    static final int SIGKILL_EXIT = 137;

    private final Path dir;
    /** The services expected to be running: a service killed on purpose leaves this map. */
    private final Map<String, Process> live = new LinkedHashMap<>();
    private final List<Process> all = new ArrayList<>();

    ServiceProcesses(Path dir) {
        this.dir = dir;
    }

    /** Starts {@code srp ARGS...} in a new JVM with this JVM's class path, logging to {@code NAME.log}. */
    Process start(String name, String... args) throws Exception {
        return startMain(name, Srp.class.getName(), args);
    }

    /** Starts {@code mainClass ARGS...} in a new JVM with this JVM's class path, logging to {@code NAME.log}. */
    Process startMain(String name, String mainClass, String... args) throws Exception {
        return startMain(name, List.of(), mainClass, args);
    }

    /** Like {@link #startMain(String, String, String...)}, with extra JVM options such as system properties. */
    Process startMain(String name, List<String> jvmOptions, String mainClass, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(), "-cp", System.getProperty("java.class.path"), "-Dai.djl.offline=true",
                "-Dsrp.home=" + SrpHome.path()));
        command.addAll(jvmOptions);
        command.add(mainClass);
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        pb.environment().put("OPT_OUT_TRACKING", "true");
        Process p = pb.start();
        live.put(name, p);
        all.add(p);
        return p;
    }

    /** SIGKILL (on Linux {@link Process#destroyForcibly()} is kill -9): no shutdown hook, no clean close. */
    void kill(String name) throws Exception {
        Process p = live.remove(name);
        p.destroyForcibly();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), name + " survived SIGKILL");
        assertEquals(SIGKILL_EXIT, p.exitValue(), name + " ended, but not by SIGKILL");
    }

    /** Waits for a service that ends by itself (an ingest of a file) and returns its exit code. */
    int awaitExit(String name, Duration timeout) throws Exception {
        Process p = live.get(name);
        assertTrue(p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS), name + " did not finish within "
                + timeout.toSeconds() + " s: " + logs());
        live.remove(name);
        return p.exitValue();
    }

    /** SIGSTOP: freezes the service where it is, so a test can look at Kafka's state before it decides to kill. */
    void suspend(String name) throws Exception {
        signal(name, "STOP");
    }

    /** SIGCONT: lets a suspended service go on as if nothing happened. */
    void resume(String name) throws Exception {
        signal(name, "CONT");
    }

    /** Sends {@code kill -SIGNAL} (INT, TERM...) to a running service. */
    void signal(String name, String signal) throws Exception {
        // Java can send only SIGTERM and SIGKILL itself
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(live.get(name).pid())).start();
        assertEquals(0, kill.waitFor(), "kill -" + signal + " " + name);
    }

    /** Fails with every log when a service that should be running has exited. */
    void assertAlive() throws Exception {
        for (Map.Entry<String, Process> e : live.entrySet()) {
            if (!e.getValue().isAlive()) {
                throw new AssertionError(e.getKey() + " exited with " + e.getValue().exitValue() + ": " + logs());
            }
        }
    }

    /** Waits until {@code NAME.log} has a line starting with {@code prefix} and returns the rest of that line. */
    String awaitLogLine(String name, String prefix, Duration timeout) throws Exception {
        Path log = dir.resolve(name + ".log");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            assertAlive();
            if (Files.exists(log)) {
                for (String line : Files.readAllLines(log)) {
                    if (line.startsWith(prefix)) {
                        return line.substring(prefix.length()).strip();
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no line '" + prefix + "' in " + name + ".log after " + timeout.toSeconds() + " s: "
                + logs());
    }

    /** Waits for a file to appear while every live service keeps running; fails with the logs when it does not. */
    void awaitFile(Path file, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(file) && System.nanoTime() < deadline) {
            assertAlive();
            Thread.sleep(250);
        }
        assertTrue(Files.exists(file), "no " + file.getFileName() + " after " + timeout.toSeconds() + " s: " + logs());
    }

    String logs() throws Exception {
        StringBuilder b = new StringBuilder();
        try (var files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".log")).sorted().toList()) {
                b.append("\n--- ").append(p.getFileName()).append('\n').append(Files.readString(p));
            }
        }
        return b.toString();
    }

    /** SIGTERM to every service still running, so each closes cleanly; SIGKILL for any that hangs. */
    @Override
    public void close() throws Exception {
        for (Process p : all) {
            p.destroy();
        }
        for (Process p : all) {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }
}
