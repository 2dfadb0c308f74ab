package dev.srp.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.srp.contract.SrpException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagedOutputTest {
    @TempDir
    Path dir;

    @Test
    void anEgressErrorNamesTheOutputAsGivenNotItsStagingFile() {
        String target = dir.resolve("vfr.mp4").toString();
        StagedOutput output = new StagedOutput(target);
        SrpException fromEgress = new SrpException("cannot encode a video frame into " + output.staging() + ": boom",
                "check " + output.staging());
        SrpException shown = output.named(fromEgress);
        assertEquals("cannot encode a video frame into " + target + ": boom", shown.getMessage());
        assertEquals("check " + target, shown.hint());
        SrpException other = new SrpException("the SR worker failed", null);
        assertSame(other, output.named(other));
    }
}
