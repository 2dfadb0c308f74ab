package dev.srp.bench;

import dev.srp.media.RgbFrames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/**
 * Which video encoders the FFmpeg build on the class path has, and how fast and how well each encodes the same
 * frames through JavaCV, the way egress does (packed RGB24 in, swscale to the encoder's pixel format). Run it once
 * with the default (GPL) jars and once with the {@code -Plgpl} jars to compare the two builds
 * ({@code bench/encoders.sh}; docs/benchmarks.md, "Encoders without the GPL codecs").
 *
 * <pre>
 * java -cp "launcher/target/lib/*" dev.srp.bench.EncoderBench list
 * java -cp "launcher/target/lib/*" dev.srp.bench.EncoderBench measure INPUT WxH FRAMES ROUNDS OUTDIR \
 *     libx264:crf=18,preset=medium libopenh264:b=4000000 ...
 * </pre>
 * An encoder spec is the FFmpeg encoder's name, then its options: {@code q} is JavaCV's fixed quantiser
 * ({@code setVideoQuality}), {@code b} the bit rate in bit/s, {@code pix} the pixel format (default yuv420p), and
 * anything else goes to the encoder as an AVOption. The frames are the input's first FRAMES, scaled bicubically to
 * WxH, held in memory; each round encodes them once with every spec, so slow and fast moments of the machine fall on
 * all of them alike, and the median round's speed is printed with the size and Y-PSNR of the decoded output against
 * the frames encoded.
 */
public final class EncoderBench {
    private EncoderBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("list")) {
            System.out.println(String.join(" ", videoEncoders()));
            return;
        }
        if (args.length < 6 || !args[0].equals("measure")) {
            System.err.println("usage: EncoderBench list | measure INPUT WxH FRAMES ROUNDS OUTDIR SPEC...");
            System.exit(2);
        }
        String[] size = args[2].split("x");
        int width = Integer.parseInt(size[0]);
        int height = Integer.parseInt(size[1]);
        List<byte[]> frames = decode(args[1], width, height, Integer.parseInt(args[3]));
        int rounds = Integer.parseInt(args[4]);
        Path outDir = Files.createDirectories(Path.of(args[5]));
        List<String> specs = Arrays.asList(args).subList(6, args.length);
        double[][] seconds = new double[specs.size()][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int s = 0; s < specs.size(); s++) {
                seconds[s][r] = encode(specs.get(s), frames, width, height, outDir.resolve(fileName(s)));
            }
        }
        System.out.printf(Locale.ROOT, "%-50s %8s %10s %8s%n", "encoder", "fps", "kbit/s", "Y-PSNR");
        for (int s = 0; s < specs.size(); s++) {
            Path file = outDir.resolve(fileName(s));
            double[] t = seconds[s].clone();
            Arrays.sort(t);
            double fps = frames.size() / t[rounds / 2];
            double kbps = Files.size(file) * 8.0 / 1000 / (frames.size() / 25.0);
            System.out.printf(Locale.ROOT, "%-50s %8.1f %10.0f %8.2f%n", specs.get(s), fps, kbps,
                    psnr(file, frames, width, height));
        }
    }

    /** Names of the video encoders of the FFmpeg build on the class path, sorted. */
    static List<String> videoEncoders() {
        TreeSet<String> names = new TreeSet<>();
        try (PointerPointer<Pointer> opaque = new PointerPointer<>(1)) {
            opaque.put(0, (Pointer) null); // av_codec_iterate's cursor starts at NULL
            for (AVCodec c; (c = avcodec.av_codec_iterate(opaque)) != null; ) {
                if (avcodec.av_codec_is_encoder(c) != 0 && c.type() == avutil.AVMEDIA_TYPE_VIDEO) {
                    names.add(c.name().getString());
                }
            }
        }
        return new ArrayList<>(names);
    }

    private static String fileName(int spec) {
        return "enc-" + spec + ".mkv";
    }

    private static List<byte[]> decode(String input, int width, int height, int count) throws Exception {
        List<byte[]> frames = new ArrayList<>();
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(input)) {
            g.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
            g.setImageWidth(width);
            g.setImageHeight(height);
            g.setImageScalingFlags(swscale.SWS_BICUBIC);
            g.start();
            for (Frame f; frames.size() < count && (f = g.grabImage()) != null; ) {
                frames.add(RgbFrames.copyRgb(f));
            }
            g.stop();
        }
        if (frames.size() < count) {
            throw new IllegalArgumentException(input + " has only " + frames.size() + " frames");
        }
        return frames;
    }

    /** Seconds from opening the encoder to its file being closed. */
    private static double encode(String spec, List<byte[]> frames, int width, int height, Path file)
            throws Exception {
        String[] parts = spec.split(":", 2);
        long start = System.nanoTime();
        try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(file.toString(), width, height, 0)) {
            r.setFormat("matroska");
            r.setVideoCodecName(parts[0]);
            r.setFrameRate(25);
            r.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            r.setImageScalingFlags(swscale.SWS_BICUBIC);
            if (parts.length > 1) {
                for (String option : parts[1].split(",")) {
                    String[] kv = option.split("=", 2);
                    switch (kv[0]) {
                        case "q" -> r.setVideoQuality(Double.parseDouble(kv[1]));
                        case "b" -> r.setVideoBitrate(Integer.parseInt(kv[1]));
                        case "pix" -> r.setPixelFormat(avutil.av_get_pix_fmt(kv[1]));
                        default -> r.setVideoOption(kv[0], kv[1]);
                    }
                }
            }
            r.start();
            for (byte[] rgb : frames) {
                r.record(RgbFrames.toFrame(rgb, width, height), avutil.AV_PIX_FMT_RGB24);
            }
            r.stop();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** Y-PSNR of the decoded file against the frames encoded, from the mean squared error over all frames. */
    private static double psnr(Path file, List<byte[]> reference, int width, int height) throws Exception {
        List<byte[]> decoded = decode(file.toString(), width, height, reference.size());
        double mse = 0;
        for (int i = 0; i < reference.size(); i++) {
            double p = YPsnr.of(reference.get(i), decoded.get(i));
            mse += Double.isInfinite(p) ? 0 : 255.0 * 255.0 / Math.pow(10, p / 10);
        }
        mse /= reference.size();
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse);
    }
}
