package dev.srp.egress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srp.contract.MessageLimits;
import dev.srp.contract.SrpException;
import dev.srp.contract.Topics;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EgressConfigTest {
    @TempDir
    Path dir;

    private EgressConfig config(String template, VideoCodec codec, int crf) {
        return new EgressConfig("localhost:9092", "g", Topics.defaults(), MessageLimits.defaults(), template, codec,
                crf, "veryfast", 1 << 20, dir.resolve("spill"));
    }

    @Test
    void picksTheContainerFromTheExtensionAndPutsTheStreamIntoTheName() {
        EgressConfig c = config(dir + "/{stream}.MOV", VideoCodec.H265, 23);
        assertEquals(Container.MOV, c.container());
        assertEquals(dir.resolve("cam-1.MOV"), c.outputFor("cam-1"));
        assertEquals(dir.resolve("_._etc_passwd.MOV"), c.outputFor("../etc/passwd"), "ids cannot leave the dir");
        assertEquals(Container.MKV, config(dir + "/{stream}.mkv", VideoCodec.FFV1, 0).container());
    }

    @Test
    void rejectsBadSettingsByName() {
        SrpException crf = assertThrows(SrpException.class, () -> config(dir + "/{stream}.mp4", VideoCodec.H264, 52));
        assertTrue(crf.getMessage().contains("crf 52"), crf.getMessage());
        SrpException ext = assertThrows(SrpException.class, () -> config(dir + "/{stream}.avi", VideoCodec.H264, 20));
        assertTrue(ext.getMessage().contains(".avi"), ext.getMessage());
        assertThrows(SrpException.class, () -> config(dir + "/{stream}.mov", VideoCodec.FFV1, 0));
        assertThrows(SrpException.class, () -> new EgressConfig("localhost:9092", "g", Topics.defaults(),
                MessageLimits.defaults(), dir + "/{stream}.mp4", VideoCodec.H264, 20, " ", 1 << 20, dir));
    }

    @Test
    void aStreamDirectoryInTheTemplateIsCheckedAtItsExistingParent() {
        EgressConfig c = config(dir + "/{stream}/video.mp4", VideoCodec.H264, 20);
        assertEquals(dir.resolve("a/video.mp4"), c.outputFor("a"));
    }
}
