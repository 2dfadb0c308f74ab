package dev.srp.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaSecurityTest {
    @TempDir
    Path dir;

    @Test
    void loadsSecuritySettingsAndHidesTheirValues() throws Exception {
        Path file = Files.writeString(dir.resolve("kafka.properties"), "security.protocol=SASL_SSL\n"
                + "sasl.mechanism=PLAIN\nssl.truststore.password=hunter2\n");
        KafkaSecurity security = KafkaSecurity.load(file);
        Map<String, Object> client = security.applyTo(new HashMap<>());
        assertEquals("SASL_SSL", client.get("security.protocol"));
        assertEquals("hunter2", client.get("ssl.truststore.password"));
        assertFalse(security.toString().contains("hunter2"), security.toString());
        assertTrue(security.toString().contains("ssl.truststore.password"), security.toString());
    }

    @Test
    void refusesSettingsThatAreNotAboutSecurity() throws Exception {
        Path file = Files.writeString(dir.resolve("kafka.properties"), "acks=0\n");
        SrpException e = assertThrows(SrpException.class, () -> KafkaSecurity.load(file));
        assertTrue(e.getMessage().contains("'acks'") && e.getMessage().contains(file.toString()), e.getMessage());
    }
}
