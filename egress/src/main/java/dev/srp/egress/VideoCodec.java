package dev.srp.egress;

import java.util.List;
import org.bytedeco.ffmpeg.global.avutil;

/**
 * The video codecs egress can write, with the FFmpeg encoders that can write each one, in order of preference, and
 * the pixel format it uses. Which encoder runs depends on the FFmpeg build srp bundles ({@link EncoderChoice}).
 */
public enum VideoCodec {
    /** libx264, yuv420p: plays everywhere. libopenh264 where FFmpeg is the LGPL build without libx264. */
    H264(avutil.AV_PIX_FMT_YUV420P, false, "libx264", EncoderChoice.OPENH264),
    /** libx265, yuv420p: about half the size of H.264 at the same quality. Only in the default (GPL) build. */
    H265(avutil.AV_PIX_FMT_YUV420P, false, "libx265"),
    /** FFV1, yuv444p: the lossless master, Matroska only. */
    FFV1(avutil.AV_PIX_FMT_YUV444P, true, "ffv1");

    private final List<String> encoderNames;
    private final int pixelFormat;
    private final boolean lossless;

    VideoCodec(int pixelFormat, boolean lossless, String... encoderNames) {
        this.encoderNames = List.of(encoderNames);
        this.pixelFormat = pixelFormat;
        this.lossless = lossless;
    }

    /**
     * The FFmpeg encoder that writes this codec in the FFmpeg build on the class path.
     *
     * @throws dev.srp.contract.SrpException naming this codec and the codecs the build can encode, when it has
     *                                       none of this codec's encoders
     */
    public String encoderName() {
        return EncoderChoice.choose(this, EncoderChoice::inThisBuild);
    }

    /**
     * Makes the recorder write this codec: the encoder of this build, at {@code crf} and {@code preset} as that
     * encoder understands them (lossless codecs take neither).
     *
     * @return the encoder's name
     */
    public String configure(org.bytedeco.javacv.FFmpegFrameRecorder recorder, int crf, String preset) {
        String encoder = encoderName();
        recorder.setVideoCodecName(encoder);
        recorder.setPixelFormat(pixelFormat);
        EncoderChoice.applyQuality(recorder, encoder, this, crf, preset);
        return encoder;
    }

    /** The FFmpeg encoders that can write this codec, the preferred one first. */
    List<String> encoderNames() {
        return encoderNames;
    }

    public int pixelFormat() {
        return pixelFormat;
    }

    /** Lossless codecs ignore crf and preset. */
    public boolean lossless() {
        return lossless;
    }
}
