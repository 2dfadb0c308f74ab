package dev.srp.egress;

import org.bytedeco.ffmpeg.global.avutil;

/** The video encoders egress can write, with the FFmpeg encoder and pixel format each one uses. */
public enum VideoCodec {
    /** libx264, yuv420p: plays everywhere. */
    H264("libx264", avutil.AV_PIX_FMT_YUV420P, false),
    /** libx265, yuv420p: about half the size of H.264 at the same quality. */
    H265("libx265", avutil.AV_PIX_FMT_YUV420P, false),
    /** FFV1, yuv444p: the lossless master, Matroska only. */
    FFV1("ffv1", avutil.AV_PIX_FMT_YUV444P, true);

    private final String encoderName;
    private final int pixelFormat;
    private final boolean lossless;

    VideoCodec(String encoderName, int pixelFormat, boolean lossless) {
        this.encoderName = encoderName;
        this.pixelFormat = pixelFormat;
        this.lossless = lossless;
    }

    public String encoderName() {
        return encoderName;
    }

    public int pixelFormat() {
        return pixelFormat;
    }

    /** Lossless codecs ignore crf and preset. */
    public boolean lossless() {
        return lossless;
    }
}
