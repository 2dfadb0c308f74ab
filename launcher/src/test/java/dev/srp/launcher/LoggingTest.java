package dev.srp.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoggingTest {
    private static final String PREFIX = "org.slf4j.simpleLogger.";
    private final java.util.Properties saved = new java.util.Properties();

    @BeforeEach
    void clearLogProperties() {
        saved.putAll(System.getProperties());
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith(PREFIX))
                .forEach(System::clearProperty);
    }

    @AfterEach
    void restore() {
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith(PREFIX))
                .forEach(System::clearProperty);
        saved.stringPropertyNames().stream().filter(k -> k.startsWith(PREFIX))
                .forEach(k -> System.setProperty(k, saved.getProperty(k)));
    }

    @Test
    void srpVerboseInTheEnvironmentIsVerboseLikeTheOption() {
        assertTrue(Srp.verbose(List.of("upscale", "in.mp4", "out.mp4"), Map.of("SRP_VERBOSE", "true")));
        assertTrue(Srp.verbose(List.of("upscale", "in.mp4", "out.mp4", "-v"), Map.of()));
        assertFalse(Srp.verbose(List.of("upscale", "in.mp4", "out.mp4"), Map.of("SRP_VERBOSE", "false")));
        assertFalse(Srp.verbose(List.of("upscale", "in.mp4", "out.mp4"), Map.of()));
    }

    @Test
    void quietByDefaultWithKafkaAndTheBrokerQuieter() {
        Logging.configure(false);
        assertEquals("warn", System.getProperty(PREFIX + "defaultLogLevel"));
        assertEquals("off", System.getProperty(PREFIX + "log.kafka"));
        assertEquals("error", System.getProperty(PREFIX + "log.org.apache.kafka"));
    }

    @Test
    void aDefaultLevelGivenOnTheJvmCommandLineReachesKafkaToo() {
        System.setProperty(PREFIX + "defaultLogLevel", "debug");
        Logging.configure(false);
        assertEquals("debug", System.getProperty(PREFIX + "defaultLogLevel"));
        assertNull(System.getProperty(PREFIX + "log.kafka"), "srp silenced the broker under the user's level");
        assertNull(System.getProperty(PREFIX + "log.org.apache.kafka"));
    }

    @Test
    void aLoggersOwnLevelIsKept() {
        System.setProperty(PREFIX + "log.org.apache.kafka", "info");
        Logging.configure(false);
        assertEquals("info", System.getProperty(PREFIX + "log.org.apache.kafka"));
        assertEquals("off", System.getProperty(PREFIX + "log.kafka"));
    }
}
