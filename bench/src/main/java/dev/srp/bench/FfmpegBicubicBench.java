package dev.srp.bench;

import dev.srp.contract.SrpException;
import dev.srp.media.FfmpegLog;
import dev.srp.egress.VideoCodec;
import java.nio.file.Path;
import org.bytedeco.javacv.FFmpegFrameFilter;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/**
 * The baseline: FFmpeg alone decodes, scales with swscale's bicubic and encodes with the same settings (codec, pixel
 * format, crf and preset) as the pipeline's egress.
 */
final class FfmpegBicubicBench {
    private FfmpegBicubicBench() {
    }

    static BenchResults.Row run(String input, int scale, VideoCodec codec, int crf, String preset, Path output) {
        FfmpegLog.errorsOnly();
        long frames = 0;
        long start = System.nanoTime();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(input)) {
            grabber.start();
            int w = grabber.getImageWidth() * scale;
            int h = grabber.getImageHeight() * scale;
            try (FFmpegFrameFilter filter = new FFmpegFrameFilter("scale=" + w + ":" + h + ":flags=bicubic", null,
                    grabber.getImageWidth(), grabber.getImageHeight(), 0);
                 FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(output.toString(), w, h, 0)) {
                filter.setPixelFormat(grabber.getPixelFormat());
                filter.setFrameRate(grabber.getFrameRate());
                filter.start();
                recorder.setFormat(codec == VideoCodec.FFV1 ? "matroska" : "mp4");
                recorder.setFrameRate(grabber.getFrameRate());
                codec.configure(recorder, crf, preset);
                recorder.start();
                for (Frame f; (f = grabber.grabImage()) != null; ) {
                    filter.push(f);
                    for (Frame scaled; (scaled = filter.pull()) != null; ) {
                        recorder.record(scaled);
                        frames++;
                    }
                }
                recorder.stop();
            }
        } catch (Exception e) {
            throw new SrpException("FFmpeg bicubic baseline failed on " + input + ": " + e.getMessage(),
                    "check that the input decodes with `srp upscale` first", e);
        }
        return new BenchResults.Row("ffmpeg bicubic (decode, swscale, " + codec.encoderName() + ")", frames,
                (System.nanoTime() - start) / 1e9, Double.NaN);
    }
}
