package dev.srp.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StreamIdsTest {
    @Test
    void sameInputSameIdReadableAndSafe() {
        String a = StreamIds.forInput("/videos/My Holiday (2019).MP4");
        assertEquals(a, StreamIds.forInput("/videos/My Holiday (2019).MP4"));
        assertTrue(a.matches("my_holiday__2019_-[0-9a-f]{8}"), a);
        assertNotEquals(a, StreamIds.forInput("/other/My Holiday (2019).MP4"));
        assertTrue(StreamIds.forInput("rtsp://cam.local:554/live/stream?token=x").startsWith("stream-"));
        assertTrue(StreamIds.forInput("http://host/").startsWith("host-"));
        String cam = StreamIds.forInput("rtsp://admin:s3cret@cam.local");
        assertTrue(cam.startsWith("cam-") && !cam.contains("s3cret"), "no password in the stream id: " + cam);
    }
}
