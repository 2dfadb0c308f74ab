package dev.srp.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StateDirTemplateTest {
    @Test
    void hostBecomesTheHostName() {
        assertEquals(Path.of("/var/lib/srp/state/worker-7c9f"),
                StateDirTemplate.resolve("/var/lib/srp/state/{host}", "worker-7c9f"));
    }

    @Test
    void aPathWithoutTheTemplateIsKept() {
        assertEquals(Path.of("/tmp/srp-worker-state"), StateDirTemplate.resolve("/tmp/srp-worker-state", "h"));
    }

    @Test
    void aHostNameCannotLeaveTheDirectory() {
        assertEquals(Path.of("/state/__evil"), StateDirTemplate.resolve("/state/{host}", "../evil"));
        assertEquals(Path.of("/state/a_b"), StateDirTemplate.resolve("/state/{host}", "a/b"));
    }
}
