package dev.srp.testsupport;

import dev.srp.media.FfmpegLog;
import dev.srp.media.RgbFrames;
import java.nio.ShortBuffer;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Writes a synthetic clip with known content: each shot has its own colours and a moving box, every frame carries
 * its index as a {@link FrameIndexPattern}, and an optional stereo tone stands in for a soundtrack. Tests make their
 * clips with this instead of shipping fixture files.
 *
 * @param width      frame width, at least {@link FrameIndexPattern#minWidth()}
 * @param height     frame height, at least 16
 * @param fps        integer frame rate
 * @param frames     number of frames
 * @param cutFrames  frame indexes that start a new shot (hard cuts), ascending
 * @param audio      whether to add a 48 kHz stereo tone
 * @param lossless   FFV1 video (bit-exact pixels) in MKV when true, else libx264 CRF 12 in MP4
 */
public record SyntheticClip(int width, int height, int fps, int frames, int[] cutFrames, boolean audio,
                            boolean lossless) {
    public static final int SAMPLE_RATE = 48_000;
    public static final int CHANNELS = 2;

    public SyntheticClip {
        if (width < FrameIndexPattern.minWidth() || height < 16 || width % 2 != 0 || height % 2 != 0) {
            throw new IllegalArgumentException("clip must be even-sized, at least " + FrameIndexPattern.minWidth()
                    + "x16, got " + width + "x" + height);
        }
    }

    public String extension() {
        return lossless ? ".mkv" : ".mp4";
    }

    /** The shot a frame belongs to. */
    public int shotOf(int frame) {
        int shot = 0;
        for (int cut : cutFrames) {
            if (frame >= cut) {
                shot++;
            }
        }
        return shot;
    }

    /** The exact pixels of frame {@code i} (before encoding). */
    public byte[] pixels(int i) {
        int shot = shotOf(i);
        byte[] rgb = new byte[width * height * 3];
        int[][] palettes = {{40, 90, 160}, {200, 120, 40}, {30, 160, 70}, {150, 40, 140}, {220, 220, 220}};
        int[] base = palettes[shot % palettes.length];
        int box = Math.max(8, height / 4);
        int bx = (i * 3) % Math.max(1, width - box);
        int by = height / 2 - box / 2;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int p = (y * width + x) * 3;
                int ramp = (x * 60 / width) + (y * 40 / height);
                boolean inBox = x >= bx && x < bx + box && y >= by && y < by + box;
                boolean stripe = shot % 2 == 1 && ((x / 6) % 2 == 0);
                for (int c = 0; c < 3; c++) {
                    int v = inBox ? 255 - base[c] : base[c] + ramp - 30 + (stripe ? 25 : 0);
                    rgb[p + c] = (byte) Math.max(0, Math.min(255, v));
                }
            }
        }
        FrameIndexPattern.paint(rgb, width, i);
        return rgb;
    }

    /** Writes the clip to {@code file}; the extension should be {@link #extension()}. */
    public void write(Path file) throws FrameRecorder.Exception {
        FfmpegLog.errorsOnly();
        try (FFmpegFrameRecorder rec = new FFmpegFrameRecorder(file.toString(), width, height, audio ? CHANNELS : 0)) {
            rec.setFrameRate(fps);
            if (lossless) {
                rec.setFormat("matroska");
                rec.setVideoCodec(avcodec.AV_CODEC_ID_FFV1);
                // BGR0 keeps FFV1 bit-exact for RGB input; a YUV pixel format would round by up to 1 per channel.
                rec.setPixelFormat(avutil.AV_PIX_FMT_BGR0);
            } else {
                rec.setFormat("mp4");
                rec.setVideoCodec(avcodec.AV_CODEC_ID_H264);
                rec.setVideoOption("crf", "12");
                rec.setVideoOption("preset", "veryfast");
                rec.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            }
            if (audio) {
                rec.setSampleRate(SAMPLE_RATE);
                rec.setAudioCodec(lossless ? avcodec.AV_CODEC_ID_PCM_S16LE : avcodec.AV_CODEC_ID_AAC);
                rec.setAudioBitrate(192_000);
            }
            rec.start();
            long samplesWritten = 0;
            for (int i = 0; i < frames; i++) {
                rec.setTimestamp(i * 1_000_000L / fps);
                rec.record(RgbFrames.toFrame(pixels(i), width, height), avutil.AV_PIX_FMT_RGB24);
                if (audio) {
                    long target = (long) (i + 1) * SAMPLE_RATE / fps;
                    int n = (int) (target - samplesWritten);
                    rec.recordSamples(SAMPLE_RATE, CHANNELS, ShortBuffer.wrap(tone(samplesWritten, n, shotOf(i))));
                    samplesWritten = target;
                }
            }
            rec.stop();
        }
    }

    private static short[] tone(long start, int n, int shot) {
        short[] s = new short[n * CHANNELS];
        double hz = 330.0 * (1 + shot * 0.25);
        for (int k = 0; k < n; k++) {
            short v = (short) (8000 * Math.sin(2 * Math.PI * hz * (start + k) / SAMPLE_RATE));
            s[k * 2] = v;
            s[k * 2 + 1] = v;
        }
        return s;
    }
}
