package dev.srp.ingest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avutil;
import org.junit.jupiter.api.Test;

/** Which r_frame_rate / avg_frame_rate pairs, as FFmpeg reports them for real files, mean a variable rate. */
class VariableRateTest {
    private static boolean variable(int rNum, int rDen, int avgNum, int avgDen) {
        AVRational r = avutil.av_make_q(rNum, rDen);
        AVRational avg = avutil.av_make_q(avgNum, avgDen);
        return VideoSource.variableRate(r, avg);
    }

    @Test
    void constantRatesAreConstant() {
        assertFalse(variable(25, 1, 25, 1));
        // an NTSC MP4: avg from the track's duration, a hair off the exact rate
        assertFalse(variable(30000, 1001, 7680000, 256153));
        // interlaced H.264 in MPEG-TS: r is the field rate
        assertFalse(variable(50, 1, 25, 1));
        // a source that does not say (a live stream before enough frames): treated as before
        assertFalse(variable(25, 1, 0, 0));
        assertFalse(variable(0, 0, 25, 1));
    }

    @Test
    void varyingIntervalsAreVariable() {
        // 10 frames at 40 ms, 10 at 80 ms, 10 at 120 ms
        assertTrue(variable(25, 1, 375, 29));
        // about 40 ms apart, each up to 6 ms off: r is the millisecond clock
        assertTrue(variable(1000, 1, 7500, 299));
        // a phone that recorded at 30 fps and dropped to 24 in low light
        assertTrue(variable(30, 1, 2700, 100));
    }
}
