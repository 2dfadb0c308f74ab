package dev.srp.egress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srp.contract.SrpException;
import dev.srp.media.RgbFrames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.function.Predicate;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which encoder each codec gets, against FFmpeg's real encoder lookup. The default build has libx264 and libx265;
 * the lgpl build is stood in for by hiding them from the lookup, since every other encoder is in both builds.
 */
class EncoderChoiceTest {
    /** This build's encoders without the two GPL ones, as in the lgpl build. */
    private static final Predicate<String> WITHOUT_GPL = name -> !name.equals("libx264") && !name.equals("libx265")
            && EncoderChoice.inThisBuild(name);

    @Test
    void theLookupIsFfmpegs() {
        assertTrue(EncoderChoice.inThisBuild("ffv1"));
        assertTrue(EncoderChoice.inThisBuild("libopenh264"));
        assertFalse(EncoderChoice.inThisBuild("libx266"));
    }

    @Test
    void eachCodecGetsItsPreferredEncoderWhereTheBuildHasIt() {
        for (VideoCodec codec : VideoCodec.values()) {
            String preferred = codec.encoderNames().get(0);
            if (EncoderChoice.inThisBuild(preferred)) {
                assertEquals(preferred, codec.encoderName());
            }
        }
    }

    @Test
    void withoutLibx264H264EncodesWithOpenH264() {
        assertEquals("libopenh264", EncoderChoice.choose(VideoCodec.H264, WITHOUT_GPL));
        assertEquals("ffv1", EncoderChoice.choose(VideoCodec.FFV1, WITHOUT_GPL));
    }

    @Test
    void withoutLibx265H265FailsNamingWhatTheBuildCanEncode() {
        SrpException e = assertThrows(SrpException.class, () -> EncoderChoice.choose(VideoCodec.H265, WITHOUT_GPL));
        assertEquals("--codec h265 needs libx265, which this srp build's FFmpeg does not have; it encodes "
                + "h264 (libopenh264), ffv1 (ffv1)", e.getMessage());
        assertTrue(e.hint().startsWith("choose --codec h264 or ffv1, or rebuild srp"), e.hint());
    }

    /**
     * --crf must reach libopenh264, which has no crf of its own: without the pinned quantiser it would run at
     * JavaCV's default 400 kbit/s whatever the user asked for.
     */
    @Test
    void openH264FollowsCrf(@TempDir Path dir) throws Exception {
        byte[][] frames = texture(640, 360, 10);
        Path fine = encodeWithOpenH264(dir.resolve("crf18.mkv"), frames, 640, 360, 18);
        Path coarse = encodeWithOpenH264(dir.resolve("crf35.mkv"), frames, 640, 360, 35);
        assertTrue(Files.size(fine) > 3 * Files.size(coarse), Files.size(fine) + " vs " + Files.size(coarse));
        // 400 kbit/s is 16 kB per frame at 25 fps; crf 18 needs far more for this texture
        assertTrue(Files.size(fine) > 10 * 16_000, "crf 18 gave " + Files.size(fine) + " bytes");
        assertTrue(meanYPsnr(fine, frames) > 36, "crf 18 gave " + meanYPsnr(fine, frames) + " dB");
    }

    private static Path encodeWithOpenH264(Path file, byte[][] frames, int width, int height, int crf)
            throws Exception {
        try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(file.toString(), width, height, 0)) {
            r.setFormat("matroska");
            r.setVideoCodecName("libopenh264");
            r.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            r.setFrameRate(25);
            EncoderChoice.applyQuality(r, "libopenh264", VideoCodec.H264, crf, "medium");
            r.start();
            for (byte[] rgb : frames) {
                r.record(RgbFrames.toFrame(rgb, width, height), avutil.AV_PIX_FMT_RGB24);
            }
            r.stop();
        }
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toString())) {
            g.start();
            assertEquals("h264", g.getVideoCodecName());
            g.stop();
        }
        return file;
    }

    /** Smooth gradients with fine noise, moving a little each frame: neither flat nor incompressible. */
    private static byte[][] texture(int width, int height, int count) {
        Random random = new Random(7);
        byte[][] frames = new byte[count][];
        for (int f = 0; f < count; f++) {
            byte[] rgb = new byte[width * height * 3];
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int i = (y * width + x) * 3;
                    double v = 128 + 60 * Math.sin((x + 3 * f) / 23.0) * Math.cos(y / 17.0);
                    rgb[i] = (byte) clamp(v + random.nextInt(16));
                    rgb[i + 1] = (byte) clamp(255 - v + random.nextInt(16));
                    rgb[i + 2] = (byte) clamp(x * 255.0 / width);
                }
            }
            frames[f] = rgb;
        }
        return frames;
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, v));
    }

    private static double meanYPsnr(Path file, byte[][] frames) throws Exception {
        DecodedOutput out = DecodedOutput.read(file);
        assertEquals(frames.length, out.frames().size());
        double se = 0;
        long n = 0;
        for (int f = 0; f < frames.length; f++) {
            byte[] a = frames[f];
            byte[] b = out.frames().get(f);
            for (int i = 0; i < a.length; i += 3) {
                double d = luma(a, i) - luma(b, i);
                se += d * d;
                n++;
            }
        }
        return 10 * Math.log10(255.0 * 255.0 / (se / n));
    }

    private static double luma(byte[] rgb, int i) {
        return 0.299 * (rgb[i] & 0xff) + 0.587 * (rgb[i + 1] & 0xff) + 0.114 * (rgb[i + 2] & 0xff);
    }
}
