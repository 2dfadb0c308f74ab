package dev.srp.bench;

import dev.srp.contract.FrameMessage;
import dev.srp.contract.SrpException;
import dev.srp.media.FfmpegLog;
import dev.srp.media.RgbFrames;
import dev.srp.worker.InvalidOutput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/**
 * How right a benchmark's pixels are: a written video decoded frame by frame against the model-only output of the
 * same frames, or against a reference (ground-truth HR) video; Y-PSNR by BT.601 luma, whole frames.
 */
final class OutputFidelity {
    /** Y-PSNR of each compared frame, worst and mean, and the frames that came out flat for an input that is not. */
    record Comparison(double min, double mean, long flat) {
    }

    private OutputFidelity() {
    }

    /** {@code video} against the model's frames in {@code modelOutputs} (raw RGB24, the frames of {@code lr}). */
    static Comparison againstModel(Path video, Path modelOutputs, List<FrameMessage> lr, int scale) {
        int frameBytes = lr.get(0).width() * scale * lr.get(0).height() * scale * 3;
        try (InputStream model = Files.newInputStream(modelOutputs)) {
            return compare(video, lr.size(), frameBytes, i -> {
                byte[] expected = model.readNBytes(frameBytes);
                if (expected.length != frameBytes) {
                    throw new IOException("the model's output file ends at frame " + i);
                }
                return expected;
            }, lr);
        } catch (IOException e) {
            throw new SrpException("cannot compare " + video + " with the model's output: " + e.getMessage(), null, e);
        }
    }

    /**
     * Fails fast, before anything is measured, when {@code reference} cannot be opened or is not {@code scale} times
     * the size of {@code input}.
     */
    static void checkReference(String reference, String input, int scale) {
        FfmpegLog.errorsOnly();
        try (FFmpegFrameGrabber ref = grabber(reference); FFmpegFrameGrabber in = grabber(input)) {
            if (ref.getImageWidth() != in.getImageWidth() * scale
                    || ref.getImageHeight() != in.getImageHeight() * scale) {
                throw new SrpException("--reference " + reference + " is " + ref.getImageWidth() + "x"
                        + ref.getImageHeight() + ", but " + input + " upscaled x" + scale + " is "
                        + in.getImageWidth() * scale + "x" + in.getImageHeight() * scale,
                        "give the ground-truth video the input was downscaled from");
            }
        } catch (IOException e) {
            throw new SrpException("cannot read --reference " + reference + ": " + e.getMessage(),
                    "give the ground-truth video the input was downscaled from", e);
        }
    }

    /** {@code video} against the frames of {@code reference}, which must have as many frames of the same size. */
    static double meanAgainstReference(Path video, String reference) {
        FfmpegLog.errorsOnly();
        try (FFmpegFrameGrabber ref = grabber(reference)) {
            int bytes = ref.getImageWidth() * ref.getImageHeight() * 3;
            return compare(video, -1, bytes, i -> {
                Frame f = ref.grabImage();
                if (f == null) {
                    throw new IOException("the reference " + reference + " has only " + i + " frames");
                }
                return RgbFrames.copyRgb(f);
            }, null).mean();
        } catch (IOException e) {
            throw new SrpException("cannot compare " + video + " with --reference " + reference + ": "
                    + e.getMessage(), "give the ground-truth video of the input, at the upscaled size", e);
        }
    }

    /** The model-only frames in {@code modelOutputs} against {@code reference}. */
    static double modelAgainstReference(Path modelOutputs, List<FrameMessage> lr, int scale, String reference) {
        int frameBytes = lr.get(0).width() * scale * lr.get(0).height() * scale * 3;
        double sum = 0;
        FfmpegLog.errorsOnly();
        try (InputStream model = Files.newInputStream(modelOutputs); FFmpegFrameGrabber ref = grabber(reference)) {
            if (ref.getImageWidth() * ref.getImageHeight() * 3 != frameBytes) {
                throw new IOException("the reference is " + ref.getImageWidth() + "x" + ref.getImageHeight()
                        + ", the model's output " + lr.get(0).width() * scale + "x" + lr.get(0).height() * scale);
            }
            for (int i = 0; i < lr.size(); i++) {
                Frame f = ref.grabImage();
                if (f == null) {
                    throw new IOException("the reference has only " + i + " frames, the input " + lr.size());
                }
                sum += YPsnr.of(RgbFrames.copyRgb(f), model.readNBytes(frameBytes));
            }
        } catch (IOException e) {
            throw new SrpException("cannot compare the model's output with --reference " + reference + ": "
                    + e.getMessage(), "give the ground-truth video of the input, at the upscaled size", e);
        }
        return sum / lr.size();
    }

    private interface FrameSource {
        byte[] frame(int index) throws IOException;
    }

    private static Comparison compare(Path video, int expectedFrames, int frameBytes, FrameSource expected,
                                      List<FrameMessage> lr) throws IOException {
        FfmpegLog.errorsOnly();
        double min = Double.POSITIVE_INFINITY;
        double sum = 0;
        long flat = 0;
        int n = 0;
        try (FFmpegFrameGrabber g = grabber(video.toString())) {
            for (Frame f; (f = g.grabImage()) != null; n++) {
                byte[] written = RgbFrames.copyRgb(f);
                if (written.length != frameBytes) {
                    throw new IOException("frame " + n + " is " + f.imageWidth + "x" + f.imageHeight + ", the other"
                            + " side's frames hold " + frameBytes + " bytes");
                }
                double psnr = YPsnr.of(expected.frame(n), written);
                min = Math.min(min, psnr);
                sum += Math.min(psnr, 99);
                if (lr != null && InvalidOutput.flat(written) && !InvalidOutput.flat(lr.get(n).pixels())) {
                    flat++;
                }
            }
        }
        if (expectedFrames >= 0 && n != expectedFrames) {
            throw new IOException(video + " holds " + n + " frames, " + expectedFrames + " were upscaled");
        }
        return new Comparison(min, n == 0 ? Double.NaN : sum / n, flat);
    }

    private static FFmpegFrameGrabber grabber(String video) throws IOException {
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(video);
        g.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
        try {
            g.start();
        } catch (FFmpegFrameGrabber.Exception e) {
            g.close();
            throw new IOException("cannot open " + video + ": " + e.getMessage(), e);
        }
        return g;
    }
}
