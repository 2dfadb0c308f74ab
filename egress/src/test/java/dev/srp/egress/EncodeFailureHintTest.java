package dev.srp.egress;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srp.contract.SrpException;
import org.bytedeco.javacv.FrameRecorder;
import org.junit.jupiter.api.Test;

/** What an encode failure tells the user to check, for the messages FFmpegFrameRecorder really throws. */
class EncodeFailureHintTest {
    @Test
    void aRefusedTimestampIsNotCalledADiskProblem() {
        SrpException e = OutputEncoder.failure("cannot encode a video frame into out.mp4", new FrameRecorder.Exception(
                "av_interleaved_write_frame() error -22 while writing interleaved video packet."));
        assertTrue(e.hint().contains("timestamp"), e.hint());
        assertFalse(e.hint().contains("free space"), e.hint());
        assertFalse(e.hint().contains("output directory"), e.hint());
    }

    @Test
    void aFailedWriteOrOpenStillPointsAtTheDiskAndCodec() {
        SrpException e = OutputEncoder.failure("cannot encode a video frame into out.mp4", new FrameRecorder.Exception(
                "av_interleaved_write_frame() error -28 while writing interleaved video packet."));
        assertTrue(e.hint().contains("free space"), e.hint());
        SrpException open = OutputEncoder.failure("cannot open the h264 encoder for out.mp4",
                new FrameRecorder.Exception("avio_open2 error() error -13: Could not open 'out.mp4'"));
        assertTrue(open.hint().contains("writable"), open.hint());
    }
}
