package dev.srp.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Containers configure srp through SRP_<OPTION> variables: the same names as the command line, which wins. */
class EnvironmentDefaultsTest {
    private static WorkerCommand parse(Map<String, String> env, String... args) {
        WorkerCommand worker = new WorkerCommand();
        CommandLine cli = new CommandLine(worker);
        cli.setDefaultValueProvider(new EnvironmentDefaults(env::get));
        cli.parseArgs(args);
        return worker;
    }

    @Test
    void anOptionReadsItsVariable() {
        WorkerCommand w = parse(Map.of("SRP_BOOTSTRAP", "kafka:9092", "SRP_BATCH_SIZE", "8",
                "SRP_APPLICATION_ID", "night-shift"));
        assertEquals("kafka:9092", w.service.kafka.bootstrap);
        assertEquals(8, w.model.batchSize);
        assertEquals("night-shift", w.applicationId);
    }

    @Test
    void theCommandLineWinsAndABlankVariableIsNoValue() {
        WorkerCommand w = parse(Map.of("SRP_BOOTSTRAP", "kafka:9092", "SRP_BATCH_SIZE", "8",
                "SRP_APPLICATION_ID", " "), "--batch-size", "2");
        assertEquals(2, w.model.batchSize);
        assertEquals("srp-sr-worker", w.applicationId);
    }

    @Test
    void variableNamesFollowTheLongOption() {
        assertEquals("SRP_LATENCY_BUDGET", EnvironmentDefaults.envName("--latency-budget"));
        assertEquals("SRP_STATE_DIR", EnvironmentDefaults.envName("--state-dir"));
    }
}
