package dev.srp.launcher;

import dev.srp.contract.SrpException;
import dev.srp.media.FfmpegLog;
import dev.srp.media.RgbFrames;
import dev.srp.worker.DjlUpscaler;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/** The model alone: frames decoded into memory first, then only the batched inference calls are timed. */
final class ModelOnlyBench {
    private static final int WARM_UP_BATCHES = 5;

    private ModelOnlyBench() {
    }

    static BenchResults.Row run(String input, Path model, int scale, int batchSize, int threads) {
        List<byte[]> frames = new ArrayList<>();
        int w;
        int h;
        FfmpegLog.errorsOnly();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(input)) {
            grabber.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
            grabber.start();
            w = grabber.getImageWidth();
            h = grabber.getImageHeight();
            for (Frame f; (f = grabber.grabImage()) != null; ) {
                frames.add(RgbFrames.copyRgb(f));
            }
        } catch (Exception e) {
            throw new SrpException("cannot decode " + input + " for the model benchmark: " + e.getMessage(),
                    "check the input with `srp upscale` first", e);
        }
        try (DjlUpscaler upscaler = DjlUpscaler.load(model, scale, threads)) {
            List<byte[]> warm = frames.subList(0, Math.min(batchSize, frames.size()));
            for (int i = 0; i < WARM_UP_BATCHES; i++) {
                upscaler.upscale(warm, w, h);
            }
            long start = System.nanoTime();
            for (int i = 0; i < frames.size(); i += batchSize) {
                upscaler.upscale(frames.subList(i, Math.min(frames.size(), i + batchSize)), w, h);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new BenchResults.Row("model only (" + upscaler.device() + ", batch " + batchSize + ")",
                    frames.size(), seconds, Double.NaN);
        }
    }
}
