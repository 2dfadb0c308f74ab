package dev.srp.ingest;

import dev.srp.contract.DisplayInfo;
import dev.srp.contract.FrameRate;
import dev.srp.ingest.IngestMetrics.Reason;
import dev.srp.media.FfmpegLog;
import dev.srp.media.RgbFrames;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.time.Duration;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * One opened input: decodes video as packed RGB24 and audio as interleaved s16le, with timestamps relative to
 * the start of the stream. A decode failure mid-stream ends the source and is kept for the truncation check.
 */
final class VideoSource implements AutoCloseable {
    sealed interface Decoded permits VideoFrame, AudioSamples {
    }

    /** A copied video frame; {@code decodeSeconds} is the time spent grabbing since the previous video frame. */
    record VideoFrame(byte[] rgb, int width, int height, long ptsMicros, double decodeSeconds) implements Decoded {
    }

    record AudioSamples(byte[] pcm, long ptsMicros) implements Decoded {
    }

    private final String input;
    private final FFmpegFrameGrabber grabber;
    private final SourceInfo info;
    private long origin = Long.MIN_VALUE;
    private FrameGrabber.Exception decodeError;
    private boolean closed;

    private VideoSource(String input, FFmpegFrameGrabber grabber, SourceInfo info) {
        this.input = input;
        this.grabber = grabber;
        this.info = info;
    }

    /** A local input that does not exist or is a directory fails here, by name, before FFmpeg runs. */
    static void checkLocal(InputLocation location, String input) {
        if (location.isFile() && !Files.exists(location.file())) {
            throw OpenErrors.missingFile(input);
        }
        if (location.isFile() && Files.isDirectory(location.file())) {
            throw OpenErrors.notVideo(input, "it is a directory", null);
        }
    }

    static VideoSource open(String url, Duration timeout) {
        InputLocation location = InputLocation.parse(url);
        String input = InputLocation.redact(url); // what messages show
        checkLocal(location, input);
        FfmpegLog.errorsOnly();
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(location.ffmpegUrl());
        grabber.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
        grabber.setSampleFormat(avutil.AV_SAMPLE_FMT_S16);
        String micros = Long.toString(timeout.toNanos() / 1000);
        grabber.setOption("rw_timeout", micros);
        grabber.setOption("timeout", micros);
        grabber.setOption("protocol_whitelist", location.protocolWhitelist());
        if (location.scheme().startsWith("rtsp")) {
            grabber.setOption("rtsp_transport", "tcp");
        }
        long started = System.nanoTime();
        try {
            if (location.isFile()) {
                grabber.start();
            } else {
                BoundedOpen.start(grabber, timeout);
            }
        } catch (BoundedOpen.TimedOut e) {
            throw OpenErrors.timedOut(input, timeout, Duration.ofNanos(System.nanoTime() - started), null);
        } catch (FrameGrabber.Exception e) {
            closeQuietly(grabber);
            throw OpenErrors.openFailed(input, location, timeout, Duration.ofNanos(System.nanoTime() - started),
                    new FrameGrabber.Exception(InputLocation.redact(e.getMessage()), e.getCause()));
        }
        try {
            return new VideoSource(input, grabber, describe(input, grabber));
        } catch (RuntimeException e) {
            closeQuietly(grabber);
            throw e;
        }
    }

    private static SourceInfo describe(String input, FFmpegFrameGrabber grabber) {
        if ("tty".equals(grabber.getFormat())) {
            // FFmpeg renders any .txt file as ANSI art "video"; nobody means to upscale that
            throw OpenErrors.notVideo(input, "it is a text file", null);
        }
        if (grabber.getImageWidth() <= 0 || grabber.getImageHeight() <= 0) {
            throw new IngestFailure(Reason.NO_VIDEO, input + " has no video stream",
                    "ingest needs a video track; audio-only files cannot be upscaled");
        }
        double fps = grabber.getFrameRate();
        if (!(fps > 0) || Double.isInfinite(fps)) {
            throw new IngestFailure(Reason.NO_VIDEO, input + " does not declare a video frame rate",
                    "remux the input into a container that carries the frame rate (e.g. MP4 or MKV)");
        }
        boolean audio = grabber.getAudioChannels() > 0 && grabber.getSampleRate() > 0;
        return new SourceInfo(grabber.getImageWidth(), grabber.getImageHeight(), FrameRate.fromDouble(fps),
                LengthEstimate.videoFrames(grabber.getFormatContext(), fps), audio,
                audio ? grabber.getSampleRate() : 0, audio ? grabber.getAudioChannels() : 0, display(grabber));
    }

    /** The video stream's display matrix rotation, pixel aspect ratio, colour tags and frame-rate regularity. */
    static DisplayInfo display(FFmpegFrameGrabber grabber) {
        int index = grabber.getVideoStream();
        AVFormatContext fc = grabber.getFormatContext();
        if (index < 0 || index >= fc.nb_streams()) {
            return DisplayInfo.NONE;
        }
        // the stream the grabber decodes, which it chose when it started
        AVStream st = fc.streams(index);
        AVCodecParameters par = st.codecpar();
        AVRational sar = st.sample_aspect_ratio().num() > 0 ? st.sample_aspect_ratio() : par.sample_aspect_ratio();
        return DisplayInfo.of(grabber.getDisplayRotation(), sar.num(), sar.den(), par.color_primaries(),
                par.color_trc(), par.color_space(), variableRate(st.r_frame_rate(), st.avg_frame_rate()));
    }

    /**
     * Whether frames come at varying intervals. FFmpeg's {@code r_frame_rate} is the lowest rate that represents
     * every timestamp probed, {@code avg_frame_rate} frames over duration: they agree (to rounding of the last
     * frame's duration) for a constant rate, and part when intervals vary, with {@code r} the faster. A ratio of
     * exactly 2 is an interlaced stream's field rate, not variable. Without both rates nothing is known, and the
     * stream is treated as constant, as before.
     */
    static boolean variableRate(AVRational r, AVRational avg) {
        if (r.num() <= 0 || r.den() <= 0 || avg.num() <= 0 || avg.den() <= 0) {
            return false;
        }
        double ratio = ((double) r.num() / r.den()) / ((double) avg.num() / avg.den());
        return Math.abs(ratio - 1) > VARIABLE_RATE_TOLERANCE && Math.abs(ratio - 2) > VARIABLE_RATE_TOLERANCE / 10;
    }

    /** How far apart the two rates may be for a constant-rate stream: 1 %, well above a rounded last frame. */
    static final double VARIABLE_RATE_TOLERANCE = 0.01;

    SourceInfo info() {
        return info;
    }

    /** The next decoded video frame or audio run, or null at the end (or after a decode failure). */
    Decoded next() {
        if (decodeError != null) {
            return null;
        }
        long started = System.nanoTime();
        try {
            for (Frame f; (f = grabber.grabFrame(info.hasAudio(), true, true, false, false)) != null; ) {
                if (f.image != null && f.imageWidth > 0) {
                    double seconds = (System.nanoTime() - started) / 1e9;
                    return new VideoFrame(RgbFrames.copyRgb(f), f.imageWidth, f.imageHeight, relative(f), seconds);
                }
                if (f.samples != null && f.samples.length > 0 && f.samples[0] instanceof ShortBuffer s) {
                    return new AudioSamples(littleEndian(s), relative(f));
                }
            }
            return null;
        } catch (FrameGrabber.Exception e) {
            decodeError = e;
            return null;
        }
    }

    /** Why decoding stopped early, or null when the source ended normally. */
    FrameGrabber.Exception decodeError() {
        return decodeError;
    }

    String input() {
        return input;
    }

    /**
     * Microseconds since the stream's start: the container's start time when it has one and it precedes the first
     * timestamp, else the first timestamp, so the first frame is at about 0 either way.
     */
    private long relative(Frame f) {
        if (origin == Long.MIN_VALUE) {
            long start = grabber.getFormatContext().start_time();
            origin = start != avutil.AV_NOPTS_VALUE && start <= f.timestamp ? start : f.timestamp;
        }
        return f.timestamp - origin;
    }

    private static byte[] littleEndian(ShortBuffer samples) {
        ShortBuffer src = samples.duplicate();
        ByteBuffer out = ByteBuffer.allocate(src.remaining() * 2).order(ByteOrder.LITTLE_ENDIAN);
        out.asShortBuffer().put(src);
        return out.array();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            closeQuietly(grabber);
        }
    }

    static void closeQuietly(FFmpegFrameGrabber grabber) {
        try {
            grabber.close();
        } catch (FrameGrabber.Exception e) {
            // nothing left to save: the input was only being read
        }
    }
}
