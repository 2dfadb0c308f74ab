package dev.srp.egress;

import dev.srp.contract.SrpException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which FFmpeg encoder writes a {@link VideoCodec} in the FFmpeg build on the class path, and how srp's quality
 * settings reach it. The default build bundles FFmpeg with libx264 and libx265 (GPL); the {@code lgpl} build has
 * neither, so H.264 falls back to Cisco's libopenh264 and H.265, which has no LGPL software encoder, fails with the
 * codecs that build does have (README, "Licence").
 */
final class EncoderChoice {
    static final String OPENH264 = "libopenh264";
    static final int OPENH264_BIT_RATE = 100_000_000;
    private static final Logger LOG = LoggerFactory.getLogger(EncoderChoice.class);
    private static final Set<String> FALLBACKS_LOGGED = ConcurrentHashMap.newKeySet();

    private EncoderChoice() {
    }

    /** Whether the FFmpeg build on the class path has an encoder of this name. */
    static boolean inThisBuild(String encoder) {
        return avcodec.avcodec_find_encoder_by_name(encoder) != null;
    }

    /**
     * The first of {@code codec}'s encoders that {@code present} accepts.
     *
     * @throws SrpException naming the codec as the user types it and the codecs this build can encode
     */
    static String choose(VideoCodec codec, Predicate<String> present) {
        String encoder = firstPresent(codec, present);
        if (encoder != null) {
            String preferred = codec.encoderNames().get(0);
            if (!encoder.equals(preferred) && FALLBACKS_LOGGED.add(encoder)) {
                LOG.info("{} is not in this FFmpeg build; --codec {} encodes with {}", preferred, optionName(codec),
                        encoder);
            }
            return encoder;
        }
        List<String> usable = new ArrayList<>();
        List<String> listed = new ArrayList<>();
        for (VideoCodec other : VideoCodec.values()) {
            String e = firstPresent(other, present);
            if (e != null) {
                usable.add(optionName(other));
                listed.add(optionName(other) + " (" + e + ")");
            }
        }
        String rebuild = "rebuild srp with its default FFmpeg (mvn install, without -Dlgpl), which has libx264 and "
                + "libx265 under the GPL";
        throw new SrpException("--codec " + optionName(codec) + " needs " + String.join(" or ", codec.encoderNames())
                + ", which this srp build's FFmpeg does not have; it encodes "
                + (listed.isEmpty() ? "none of srp's codecs" : String.join(", ", listed)),
                listed.isEmpty() ? rebuild : "choose --codec " + String.join(" or ", usable) + ", or " + rebuild);
    }

    private static String firstPresent(VideoCodec codec, Predicate<String> present) {
        for (String encoder : codec.encoderNames()) {
            if (present.test(encoder)) {
                return encoder;
            }
        }
        return null;
    }

    /** The codec as {@code --codec} takes it. */
    static String optionName(VideoCodec codec) {
        return codec.name().toLowerCase(Locale.ROOT);
    }

    /**
     * Sets {@code crf} and {@code preset} on the recorder the way {@code encoder} understands them; lossless
     * codecs take neither.
     */
    static void applyQuality(FFmpegFrameRecorder recorder, String encoder, VideoCodec codec, int crf, String preset) {
        if (codec.lossless()) {
            return;
        }
        if (encoder.equals(OPENH264)) {
            // libopenh264 has no crf and no presets: a pinned quantiser is its constant quality, with a bit rate
            // target far above what it needs, since JavaCV's default of 400 kbit/s would hold it back (OpenH264
            // refuses targets in the Gbit/s). QP crf+2 matched x264's crf 18 (preset medium) in Y-PSNR on the
            // sample clip at 1280x720 (docs/benchmarks.md, "Encoders without the GPL codecs").
            int qp = Math.min(51, crf + 2);
            recorder.setVideoBitrate(OPENH264_BIT_RATE);
            recorder.setVideoOption("qmin", Integer.toString(qp));
            recorder.setVideoOption("qmax", Integer.toString(qp));
            return;
        }
        recorder.setVideoOption("crf", Integer.toString(crf));
        recorder.setVideoOption("preset", preset);
    }
}
