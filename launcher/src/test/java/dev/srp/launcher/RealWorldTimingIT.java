package dev.srp.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srp.media.FfmpegLog;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clips as phones and webcams make them, through {@code srp upscale}: frames at varying intervals keep their own
 * timestamps, and a portrait clip keeps its rotation, pixel aspect ratio and colour tags. The clips (made by
 * {@code src/test/resources/timing/make-clips.sh}) have frame i a flat grey of its own level, so the order of the
 * output's frames is read back from their pixels; every output frame's timestamp is compared with its input
 * frame's.
 */
class RealWorldTimingIT {
    /** The variable-rate output clock's tick; a frame may be off its input's time by the rounding to it. */
    private static final long TICK_MICROS = 1000;

    @TempDir
    static Path dir;

    @Test
    void aClipWhoseFrameRateChangesKeepsEveryFrameAtItsTime() throws Exception {
        Upscaled run = upscale("vfr-steps.mp4", "steps-x2.mp4");
        Video in = run.in();
        Video out = run.out();
        assertSameFramesAtSameTimes(in, out, TICK_MICROS);
        // the intervals are those of the input: 40, 80 and 120 ms, not one flattened rate
        assertEquals(40_000, out.relativePts(1), TICK_MICROS);
        assertEquals(400_000 + 80_000, out.relativePts(11), TICK_MICROS);
        assertEquals(1_200_000 + 9 * 120_000, out.relativePts(29), TICK_MICROS);
    }

    @Test
    void aJitteredClipKeepsItsJitterInMatroska() throws Exception {
        Upscaled run = upscale("vfr-jitter.mp4", "jitter-x2.mkv");
        Video in = run.in();
        Video out = run.out();
        assertSameFramesAtSameTimes(in, out, TICK_MICROS);
        // the input's intervals range from 29 to 51 ms; a constant-rate output would have 40 ms everywhere
        assertEquals(in.relativePts(2) - in.relativePts(1), out.relativePts(2) - out.relativePts(1), 2 * TICK_MICROS);
        assertTrue(in.relativePts(2) - in.relativePts(1) < 35_000, "the clip is not jittered as made");
    }

    @Test
    void aPortraitClipKeepsItsRotationPixelAspectAndColours() throws Exception {
        Upscaled run = upscale("rotated.mp4", "portrait-x2.mp4");
        Video in = run.in();
        Video out = run.out();
        assertEquals(90.0, in.rotation, 0.01, "the clip is not rotated as made");
        assertEquals(in.rotation, out.rotation, 0.01, "display rotation");
        assertEquals(4.0 / 3, out.aspectRatio, 1e-3, "sample aspect ratio");
        assertEquals(192, out.width);
        assertEquals(128, out.height);
        assertEquals(avutil.AVCOL_PRI_BT709, out.primaries, "colour primaries");
        assertEquals(avutil.AVCOL_TRC_BT709, out.transfer, "transfer characteristic");
        assertEquals(avutil.AVCOL_SPC_BT709, out.matrix, "colour matrix");
        // a constant-rate clip stays on its frame rate's clock: frame i exactly at i / 25 s
        assertSameFramesAtSameTimes(in, out, 0);
        assertEquals(25.0, out.frameRate, 0.01);
        for (int i = 0; i < out.pts.size(); i++) {
            assertEquals(i * 40_000L, out.relativePts(i), "frame " + i);
        }
    }

    /** The clip as made and its upscaled copy, both read back. */
    private record Upscaled(Video in, Video out) {
    }

    private static Upscaled upscale(String clipName, String outputName) throws Exception {
        Path input = clip(clipName);
        Path output = dir.resolve(outputName);
        // the interim bicubic x2 model: this test is about timing and metadata, not the model's pixels
        CliRun run = CliRun.of("upscale", input.toString(), output.toString(), "--no-progress", "--scale", "2",
                "--preset", "veryfast", "--model", SrpHome.path().resolve("models/bicubic-x2-interim.pt").toString());
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(Files.isRegularFile(output), "no output written");
        return new Upscaled(Video.read(input), Video.read(output));
    }

    /** Same frame count, same frames in the same order, each within {@code tolerance} us of its input's time. */
    private static void assertSameFramesAtSameTimes(Video in, Video out, long tolerance) {
        assertEquals(in.pts.size(), out.pts.size(), "frame count");
        for (int i = 0; i < in.pts.size(); i++) {
            // grey levels step by 7 (of 219) from frame to frame; the upscale and encode move a flat grey by about 1
            assertEquals(in.meanLuma.get(i), out.meanLuma.get(i), 3.0, "frame " + i + " is not input frame " + i);
            long expected = in.relativePts(i);
            long actual = out.relativePts(i);
            assertTrue(Math.abs(actual - expected) <= tolerance, "frame " + i + " at " + actual + " us, input at "
                    + expected + " us; output " + out.pts + ", input " + in.pts);
            if (i > 0) {
                assertTrue(actual > out.relativePts(i - 1), "frame " + i + " is not after frame " + (i - 1));
            }
        }
    }

    private static Path clip(String name) throws URISyntaxException {
        return Path.of(RealWorldTimingIT.class.getResource("/timing/" + name).toURI());
    }

    /** A decoded video: each frame's timestamp and mean luma, and the stream's display metadata. */
    private record Video(List<Long> pts, List<Double> meanLuma, double rotation, double aspectRatio, int width,
                         int height, double frameRate, int primaries, int transfer, int matrix) {
        long relativePts(int i) {
            return pts.get(i) - pts.get(0);
        }

        static Video read(Path file) throws Exception {
            FfmpegLog.errorsOnly();
            List<Long> pts = new ArrayList<>();
            List<Double> luma = new ArrayList<>();
            try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile())) {
                g.setPixelFormat(avutil.AV_PIX_FMT_GRAY8);
                g.start();
                AVCodecParameters par = videoParameters(g.getFormatContext());
                double rotation = g.getDisplayRotation();
                double aspect = g.getAspectRatio();
                for (Frame f; (f = g.grabImage()) != null; ) {
                    pts.add(f.timestamp);
                    luma.add(mean((ByteBuffer) f.image[0], f.imageWidth, f.imageHeight, f.imageStride));
                }
                return new Video(pts, luma, rotation, aspect, g.getImageWidth(), g.getImageHeight(),
                        g.getFrameRate(), par.color_primaries(), par.color_trc(), par.color_space());
            }
        }

        private static AVCodecParameters videoParameters(AVFormatContext fc) {
            for (int i = 0; i < fc.nb_streams(); i++) {
                if (fc.streams(i).codecpar().codec_type() == avutil.AVMEDIA_TYPE_VIDEO) {
                    return fc.streams(i).codecpar();
                }
            }
            throw new AssertionError("no video stream");
        }

        private static double mean(ByteBuffer plane, int width, int height, int stride) {
            long sum = 0;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    sum += plane.get(y * stride + x) & 0xff;
                }
            }
            return (double) sum / (width * height);
        }
    }
}
