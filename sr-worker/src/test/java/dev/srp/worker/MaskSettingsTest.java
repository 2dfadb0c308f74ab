package dev.srp.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaskSettingsTest {
    @Test
    void autoComputesMasksOnlyForAModelThatTakesMoreThanTheLrFrame() {
        assertFalse(MaskMode.AUTO.enabledFor(List.of("lr")));
        assertTrue(MaskMode.AUTO.enabledFor(List.of("lr", "w", "eps")));
        assertTrue(MaskMode.ALWAYS.enabledFor(List.of("lr")));
        assertFalse(MaskMode.OFF.enabledFor(List.of("lr", "w")));
        assertEquals(MaskMode.OFF, MaskSettings.defaults().resolvedFor(List.of("lr")).mode());
        assertEquals(MaskMode.ALWAYS, MaskSettings.defaults().resolvedFor(List.of("lr", "w")).mode());
    }

    @Test
    void parsesTheCommandLineSpellings() {
        assertEquals(MaskMode.ALWAYS, MaskMode.parse("Always"));
        assertEquals(MaskMode.OFF, MaskMode.parse(" off "));
        assertEquals(MaskGeneratorKind.BUILTIN, MaskGeneratorKind.parse("builtin"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MaskMode.parse("sometimes")).getMessage()
                .contains("sometimes"));
        assertThrows(IllegalArgumentException.class, () -> MaskGeneratorKind.parse("sam2"));
        assertEquals(MaskGeneratorKind.SAM, MaskGeneratorKind.parse("sam"));
        assertThrows(IllegalArgumentException.class, () -> new MaskSettings(MaskMode.ALWAYS, MaskGeneratorKind.SAM,
                Duration.ofMinutes(1), 8));
    }

    @Test
    void rejectsBadValuesByName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new MaskSettings(MaskMode.AUTO,
                MaskGeneratorKind.BUILTIN, Duration.ofMillis(500), 8)).getMessage().contains("ttl"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new MaskSettings(MaskMode.AUTO,
                MaskGeneratorKind.BUILTIN, Duration.ofMinutes(1), 1)).getMessage().contains("maxEntries"));
    }
}
