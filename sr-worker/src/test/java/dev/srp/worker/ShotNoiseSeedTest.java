package dev.srp.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShotNoiseSeedTest {
    /** Golden values from Python: struct.unpack('>q', sha256(b'srp-noise-v1\0' + stream + b'\0' + shot)[:8]). */
    @Test
    void matchesTheDocumentedDerivation() {
        assertEquals(-8440287275398843371L, ShotNoiseSeed.of("clip", 0));
        assertEquals(-6592101428287821950L, ShotNoiseSeed.of("clip", 1));
        assertEquals(-3957971683012033089L, ShotNoiseSeed.of("upscale-1234abcd", 17));
    }

    @Test
    void neighbouringShotsAndStreamsGetDistinctSeeds() {
        Set<Long> seeds = new HashSet<>();
        for (String stream : new String[] {"a", "b", "a/", "ab"}) {
            for (long shot = 0; shot < 1000; shot++) {
                seeds.add(ShotNoiseSeed.of(stream, shot));
            }
        }
        assertEquals(4000, seeds.size());
    }
}
