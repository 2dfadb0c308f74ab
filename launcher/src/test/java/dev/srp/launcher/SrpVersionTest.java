package dev.srp.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SrpVersionTest {
    @Test
    void versionIsThePomsVersion() {
        String pomVersion = System.getProperty("srp.pom.version");
        assertNotNull(pomVersion, "the build passes the pom's version to the tests");
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = Srp.run(false, "--version");
        } finally {
            System.setOut(stdout);
        }
        assertEquals(0, exit);
        assertEquals("srp " + pomVersion, printed.toString(StandardCharsets.UTF_8).strip());
    }
}
