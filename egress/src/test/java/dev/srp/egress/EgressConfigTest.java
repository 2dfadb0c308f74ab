package dev.srp.egress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srp.contract.KafkaConnection;
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
        return new EgressConfig(KafkaConnection.to("localhost:9092", Topics.defaults(), MessageLimits.defaults()),
                "g", template, codec,
                crf, "veryfast", 1 << 20, dir.resolve("spill"));
    }

    @Test
    void picksTheContainerFromTheExtensionAndPutsTheStreamIntoTheName() {
        EgressConfig c = config(dir + "/{stream}.MOV", VideoCodec.H265, 23);
        assertEquals(Container.MOV, c.container());
        assertEquals(dir.resolve("cam-1.MOV").toString(), c.outputFor("cam-1"));
        assertEquals(dir.resolve("_._etc_passwd.MOV").toString(), c.outputFor("../etc/passwd"),
                "ids cannot leave the dir");
        assertEquals(Container.MKV, config(dir + "/{stream}.mkv", VideoCodec.FFV1, 0).container());
    }

    @Test
    void rejectsBadSettingsByName() {
        SrpException crf = assertThrows(SrpException.class, () -> config(dir + "/{stream}.mp4", VideoCodec.H264, 52));
        assertTrue(crf.getMessage().contains("crf 52"), crf.getMessage());
        SrpException ext = assertThrows(SrpException.class, () -> config(dir + "/{stream}.avi", VideoCodec.H264, 20));
        assertTrue(ext.getMessage().contains(".avi"), ext.getMessage());
        assertThrows(SrpException.class, () -> config(dir + "/{stream}.mov", VideoCodec.FFV1, 0));
        assertThrows(SrpException.class, () -> new EgressConfig(KafkaConnection.to("localhost:9092",
                Topics.defaults(), MessageLimits.defaults()), "g", dir + "/{stream}.mp4", VideoCodec.H264, 20, " ",
                1 << 20, dir));
    }

    @Test
    void aStreamDirectoryInTheTemplateIsCheckedAtItsExistingParent() {
        EgressConfig c = config(dir + "/{stream}/video.mp4", VideoCodec.H264, 20);
        assertEquals(dir.resolve("a/video.mp4").toString(), c.outputFor("a"));
    }

    @Test
    void aPushUrlIsAnOutputOnlyForH264AndKeepsItsPasswordOutOfErrors() {
        EgressConfig rtmp = config("rtmp://user:secret@example.org/live/{stream}", VideoCodec.H264, 20);
        assertEquals(Container.RTMP, rtmp.container());
        assertTrue(rtmp.container().live(), "a pushed stream is live");
        assertEquals("rtmp://user:secret@example.org/live/cam-1", rtmp.outputFor("cam-1"));
        assertEquals(Container.RTSP, config("rtsp://127.0.0.1:8554/{stream}", VideoCodec.H264, 20).container());
        SrpException h265 = assertThrows(SrpException.class,
                () -> config("rtmp://user:secret@example.org/live/{stream}", VideoCodec.H265, 20));
        assertTrue(h265.getMessage().contains("cannot carry H265"), h265.getMessage());
        assertFalse(h265.getMessage().contains("secret"), h265.getMessage());
        assertTrue(EgressConfig.isPushed("RTSP://host/x"));
        assertFalse(EgressConfig.isPushed(dir + "/x.mp4"));
    }
}
