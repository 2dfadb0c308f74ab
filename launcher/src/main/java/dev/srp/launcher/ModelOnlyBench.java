package dev.srp.launcher;

import dev.srp.contract.SrpException;
import dev.srp.media.FfmpegLog;
import dev.srp.media.RgbFrames;
import dev.srp.worker.DjlUpscaler;
import dev.srp.worker.UpscaleInput;
import dev.srp.worker.masks.BuiltInMaskGenerator;
import dev.srp.worker.masks.MaskSet;
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
            // a SAMSR model also takes per-shot masks: one set from the first frame, as for a one-shot clip
            MaskSet masks = upscaler.modelInputs().size() > 1 ? new BuiltInMaskGenerator().generate(frames.get(0), w, h)
                    : null;
            List<UpscaleInput> inputs = frames.stream().map(f -> new UpscaleInput(f, masks, 1L)).toList();
            List<UpscaleInput> warm = inputs.subList(0, Math.min(batchSize, inputs.size()));
            for (int i = 0; i < WARM_UP_BATCHES; i++) {
                upscaler.upscaleInputs(warm, w, h);
            }
            // the last, shorter batch is another input shape: warm it too, or its warm-up calls land in the timing
            int tail = inputs.size() % batchSize;
            if (tail > 0 && inputs.size() > batchSize) {
                upscaler.upscaleInputs(inputs.subList(0, tail), w, h);
            }
            long start = System.nanoTime();
            for (int i = 0; i < inputs.size(); i += batchSize) {
                upscaler.upscaleInputs(inputs.subList(i, Math.min(inputs.size(), i + batchSize)), w, h);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new BenchResults.Row("model only (" + upscaler.device() + ", batch " + batchSize + ", " + threads
                    + (threads == 1 ? " thread)" : " threads)"),
                    frames.size(), seconds, Double.NaN);
        }
    }
}
