package dev.srp.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.srp.contract.FrameMessage;
import dev.srp.contract.FrameRate;
import dev.srp.ingest.VideoSource.VideoFrame;
import io.prometheus.client.CollectorRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShotNumberingTest {
    private static final FrameRate RATE = new FrameRate(25, 1);

    /** A still picture: the real detector finds no cut in it. */
    private static VideoFrame still(long pts) {
        byte[] rgb = new byte[160 * 96 * 3];
        Arrays.fill(rgb, (byte) 90);
        return new VideoFrame(rgb, 160, 96, pts, 0);
    }

    @Test
    void aContinuedStreamGoesOnFromItsLastFrameWithANewShot() {
        ShotNumbering shots = new ShotNumbering("cam", RATE, new ContentShotDetector(ShotConfig.defaults(), RATE),
                new IngestMetrics(new CollectorRegistry()));
        shots.continueAfter(100, 7);
        List<FrameMessage> out = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            out.addAll(shots.add(still(i * 40_000L)));
        }
        out.addAll(shots.finish());

        assertEquals(30, out.size());
        for (int i = 0; i < out.size(); i++) {
            assertEquals(100 + i, out.get(i).frameIndex(), "frame index");
            assertEquals(8, out.get(i).shotId(), "every frame after the restart is in one new shot");
        }
        assertEquals(130, shots.frames());
        assertEquals(1, shots.shots());
    }
}
