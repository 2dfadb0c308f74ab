package dev.srp.egress;

import dev.srp.contract.AudioChunk;
import dev.srp.contract.DisplayInfo;
import dev.srp.contract.FrameRate;
import dev.srp.contract.SrpException;
import dev.srp.media.Backoff;
import dev.srp.media.FfmpegLog;
import dev.srp.media.RgbFrames;
import dev.srp.media.UrlCredentials;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encodes one stream into {@code OUTPUT.part} and renames it to {@code OUTPUT} only once it is complete, so a
 * file with the final name is always a whole video. Every failure deletes the part file. Live outputs are the
 * exception: HLS is written in place, segment by segment, because people watch it while it grows, and an RTMP or
 * RTSP push goes straight to its server. Messages name the output as the user gave it (a push URL without its
 * password), never the part file.
 *
 * <p>Frame timestamps: FFmpegFrameRecorder counts video time in ticks of 1/rate, with the rate it is given. A
 * constant-rate stream gets its own frame rate, so each frame lands on its frame number, as it always has. A stream
 * ingest found to be of variable frame rate gets a clock of {@link #VARIABLE_RATE_CLOCK_HZ} instead (in a file, see
 * {@link Container#keepsFrameTiming()}), so its frames keep their own timestamps to the millisecond. Either way a
 * frame whose tick is not after the previous one's (two timestamps closer than a tick) is moved to the next tick:
 * the muxer refuses timestamps that do not increase.
 */
final class OutputEncoder {
    static final String PART_SUFFIX = ".part";
    /** How long a pushed output waits for its server to come back; well under Kafka's 5-minute poll interval. */
    static final Duration PUSH_OUTAGE = Duration.ofSeconds(60);
    private static final Duration FIRST_RECONNECT_DELAY = Duration.ofMillis(250);
    private static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(4);
    private static final Logger LOG = LoggerFactory.getLogger(OutputEncoder.class);
    /**
     * Ticks per second of a variable-rate stream's clock: one millisecond is Matroska's own unit, and MP4's track
     * timescale (the rate doubled until it is at least 10,000) holds it exactly.
     */
    static final int VARIABLE_RATE_CLOCK_HZ = 1000;

    private final String output;
    private final String part;
    private final String shown;
    private final boolean live;
    private final String streamId;
    private final RecorderStart restart;
    private final Runnable onReconnect;
    private FFmpegFrameRecorder recorder;
    /** Subtracted from frame timestamps: a reconnected push starts its new session at 0, as its audio does. */
    private long ptsOffsetMicros;
    /** Tick of the last frame given to the current recorder, -1 before its first. */
    private long lastTick = -1;
    private long movedFrames;
    private final int width;
    private final int height;
    private final int channels;
    private final int sampleRate;

    private OutputEncoder(String streamId, String output, String part, FFmpegFrameRecorder recorder,
                          RecorderStart restart, Runnable onReconnect, int width, int height, int sampleRate,
                          int channels) {
        this.streamId = streamId;
        this.restart = restart;
        this.onReconnect = onReconnect;
        this.output = output;
        this.part = part;
        this.shown = UrlCredentials.redact(output);
        this.live = part.equals(output);
        this.recorder = recorder;
        this.width = width;
        this.height = height;
        this.sampleRate = sampleRate;
        this.channels = channels;
    }

    /**
     * Opens the encoder; {@code channels == 0} writes video only. A pushed output calls {@code onReconnect} each
     * time it lost its server and connected again.
     */
    static OutputEncoder open(String streamId, String output, EgressConfig config, int width, int height,
                              FrameRate frameRate, int sampleRate, int channels, Runnable onReconnect) {
        return open(streamId, output, config, width, height, frameRate, DisplayInfo.NONE, sampleRate, channels,
                onReconnect);
    }

    /** Opens the encoder with the source's display info: rotation, pixel aspect, colour tags, timing. */
    static OutputEncoder open(String streamId, String output, EgressConfig config, int width, int height,
                              FrameRate frameRate, DisplayInfo display, int sampleRate, int channels,
                              Runnable onReconnect) {
        Container container = config.container();
        String part = container.live() ? output : output + PART_SUFFIX;
        FfmpegLog.errorsOnly();
        RecorderStart start = () -> startRecorder(streamId, part, config, width, height, frameRate, display,
                sampleRate, channels);
        try {
            if (!container.pushed()) {
                Files.createDirectories(Path.of(output).toAbsolutePath().getParent());
            }
            return new OutputEncoder(streamId, output, part, start.start(), container.pushed() ? start : null,
                    onReconnect, width, height, sampleRate, channels);
        } catch (IOException | RuntimeException e) {
            if (container.pushed()) {
                throw new SrpException("cannot push stream " + streamId + " to " + UrlCredentials.redact(output)
                        + ": " + UrlCredentials.redact(String.valueOf(e.getMessage())), "check that the server "
                        + "runs, is reachable from this host and accepts a publisher at that URL", e);
            }
            deleteQuietly(part);
            throw failure("cannot open the " + config.codec() + " encoder for " + output, e);
        }
    }

    /** Opens an encoder writing to {@code part} (the output itself when live); releases it if it cannot start. */
    private static FFmpegFrameRecorder startRecorder(String streamId, String part, EgressConfig config, int width,
                                                     int height, FrameRate frameRate, DisplayInfo display,
                                                     int sampleRate, int channels)
            throws IOException {
        Container container = config.container();
        VideoCodec codec = config.codec();
        FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(part, width, height, channels);
        try {
            recorder.setFormat(container.formatName());
            recorder.setMetadata(OutputStamp.METADATA_KEY, OutputStamp.valueFor(streamId));
            // the encoder of this FFmpeg build (EgressConfig checked at start-up that it has one) and its quality
            codec.configure(recorder, config.crf(), config.preset());
            // a frame the worker left to be upscaled (a late live frame) is scaled by the same swscale call that
            // converts every frame for the encoder; bicubic, as the worker's models are measured against
            recorder.setImageScalingFlags(swscale.SWS_BICUBIC);
            recorder.setFrameRate(display.variableFrameRate() && container.keepsFrameTiming()
                    ? VARIABLE_RATE_CLOCK_HZ : frameRate.fps());
            describe(recorder, display);
            if (container == Container.HLS) {
                // a key frame at every segment boundary, so each segment plays on its own
                recorder.setGopSize((int) Math.max(1, Math.round(frameRate.fps() * Container.HLS_SEGMENT_SECONDS)));
                recorder.setOption("hls_time", Integer.toString(Container.HLS_SEGMENT_SECONDS));
                // 0 keeps every segment (nothing of the stream is dropped); N keeps a rolling window for endless feeds
                recorder.setOption("hls_list_size", Integer.toString(config.hlsWindow()));
                recorder.setOption("hls_flags", "independent_segments+temp_file"
                        + (config.hlsWindow() > 0 ? "+delete_segments" : ""));
            }
            if (container.pushed()) {
                // a viewer joining the server's stream waits at most this long for a picture
                recorder.setGopSize((int) Math.max(1, Math.round(frameRate.fps()
                        * Container.LIVE_KEY_FRAME_SECONDS)));
                // no B-frames or look-ahead queue: a pushed stream is watched live, each frame leaves when encoded
                recorder.setVideoOption("tune", "zerolatency");
            }
            if (container == Container.RTSP) {
                // UDP would drop packets of 4x frames on a busy link; the server must accept TCP (they all do)
                recorder.setOption("rtsp_transport", "tcp");
            }
            if (codec == VideoCodec.H265) {
                recorder.setVideoOption("x265-params", "log-level=error");
            }
            if (channels > 0) {
                recorder.setSampleRate(sampleRate);
                recorder.setAudioCodec(container.audioCodec());
                recorder.setAudioBitrate(Container.AAC_BITRATE);
            }
            recorder.start();
            return recorder;
        } catch (IOException | RuntimeException e) {
            releaseQuietly(recorder);
            throw e;
        }
    }

    /**
     * Writes the source's display metadata into the output. The pixels are scaled by the same factor in both
     * directions, so the pixel aspect ratio stays the source's. Colour tags describe the output's YUV values as
     * they did the source's: decoding to RGB and encoding back use the same matrix. Nothing is written for what the
     * source leaves unset, so such outputs are as before.
     */
    private static void describe(FFmpegFrameRecorder recorder, DisplayInfo display) {
        if (display.rotationDegrees() != 0) {
            // JavaCV negates the angle it is given, so FFmpeg reads back the source's own value
            recorder.setDisplayRotation(display.rotationDegrees());
        }
        if (display.anamorphic()) {
            recorder.setAspectRatio((double) display.sarNum() / display.sarDen());
        }
        // AVCodecContext options, applied when the encoder opens and copied to the stream (and the H.264/H.265 VUI)
        if (display.colorPrimaries() != DisplayInfo.UNSPECIFIED) {
            recorder.setVideoOption("color_primaries", Integer.toString(display.colorPrimaries()));
        }
        if (display.colorTransfer() != DisplayInfo.UNSPECIFIED) {
            recorder.setVideoOption("color_trc", Integer.toString(display.colorTransfer()));
        }
        if (display.colorMatrix() != DisplayInfo.UNSPECIFIED) {
            recorder.setVideoOption("colorspace", Integer.toString(display.colorMatrix()));
        }
    }

    String output() {
        return output;
    }

    /**
     * Writes one packed RGB24 frame at its source presentation time. A frame smaller than the output by exactly
     * {@code upscaleBy} (the worker left it to be upscaled) is scaled bicubically on the way into the encoder.
     */
    void writeVideo(byte[] rgb, int frameWidth, int frameHeight, int upscaleBy, long ptsMicros) {
        if (frameWidth * upscaleBy != width || frameHeight * upscaleBy != height) {
            throw new SrpException("frame of " + frameWidth + "x" + frameHeight
                    + (upscaleBy == 1 ? "" : " to upscale x" + upscaleBy) + " for output " + shown
                    + " which was opened at " + width + "x" + height,
                    "every frame of a stream must have the same size; check the SR worker's model");
        }
        try {
            recordVideo(rgb, frameWidth, frameHeight, ptsMicros);
        } catch (IOException | RuntimeException e) {
            if (restart == null) {
                throw failure("cannot encode a video frame into " + shown, e);
            }
            reconnect(e);
            ptsOffsetMicros = ptsMicros;
            lastTick = -1;
            try {
                recordVideo(rgb, frameWidth, frameHeight, ptsMicros);
            } catch (IOException | RuntimeException again) {
                throw failure("cannot push a video frame to " + shown, again);
            }
        }
    }

    /** Writes one chunk of little-endian signed 16-bit interleaved samples. */
    void writeAudio(AudioChunk chunk) {
        if (channels == 0) {
            return;
        }
        short[] samples = new short[chunk.samples().length / 2];
        ByteBuffer.wrap(chunk.samples()).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
        try {
            recorder.recordSamples(sampleRate, channels, ShortBuffer.wrap(samples));
        } catch (IOException | RuntimeException e) {
            if (restart == null) {
                throw failure("cannot encode audio into " + shown, e);
            }
            reconnect(e); // this chunk is lost with the connection, like the frames still in its socket
            lastTick = -1;
        }
    }

    private void recordVideo(byte[] rgb, int frameWidth, int frameHeight, long ptsMicros) throws IOException {
        long micros = Math.max(0, ptsMicros - ptsOffsetMicros);
        // FFmpegFrameRecorder.setTimestamp's own rounding, so a constant-rate output's ticks are what they were
        long tick = Math.round(micros * recorder.getFrameRate() / 1000000L);
        if (tick <= lastTick) {
            tick = lastTick + 1;
            if (movedFrames++ == 0) {
                LOG.info("stream {}: frames closer together than the output's clock tick ({} per second) are moved "
                        + "to the next tick, from the frame at {} us on", streamId, recorder.getFrameRate(), ptsMicros);
            }
        }
        if (tick > Integer.MAX_VALUE) {
            throw new SrpException("stream " + streamId + " is longer than " + shown + " can time ("
                    + Integer.MAX_VALUE + " ticks of 1/" + recorder.getFrameRate() + " s)",
                    "split the input into shorter parts");
        }
        recorder.setFrameNumber((int) tick);
        recorder.record(RgbFrames.toFrame(rgb, frameWidth, frameHeight), avutil.AV_PIX_FMT_RGB24);
        lastTick = tick;
    }

    /**
     * The push server went away (restarted, network cut): connect again with a fresh encoder, so the server's
     * new session starts with a key frame. This thread waits meanwhile, so later frames wait in Kafka rather than
     * being lost; only what was in the dead connection is. Gives up after {@link #PUSH_OUTAGE}.
     */
    private void reconnect(Exception cause) {
        LOG.warn("stream {}: push to {} failed ({}); connecting again for up to {} s", streamId, shown,
                UrlCredentials.redact(String.valueOf(cause.getMessage())), PUSH_OUTAGE.toSeconds());
        releaseQuietly(recorder);
        Backoff backoff = new Backoff(FIRST_RECONNECT_DELAY, MAX_RECONNECT_DELAY, PUSH_OUTAGE);
        while (true) {
            Exception failure;
            try {
                recorder = restart.start();
                onReconnect.run();
                // warn, like the failure: whoever saw that the push broke should see that it is back
                LOG.warn("stream {}: pushing to {} again after {} ms", streamId, shown, backoff.elapsed().toMillis());
                return;
            } catch (IOException | RuntimeException e) {
                failure = e;
            }
            boolean again;
            try {
                again = backoff.pause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SrpException("stream " + streamId + ": interrupted while reconnecting to " + shown,
                        "egress is stopping; restart it to push the stream again", e);
            }
            if (!again) {
                throw new SrpException("stream " + streamId + ": the push server at " + shown + " went away "
                        + "and did not take the stream back within " + PUSH_OUTAGE.toSeconds() + " s: "
                        + UrlCredentials.redact(String.valueOf(failure.getMessage())), "check the server; a "
                        + "restarted egress pushes the unfinished stream again from its first frame", failure);
            }
        }
    }

    /** Flushes the encoder, closes the file and gives it its final name in one atomic step. */
    String finish() {
        try {
            recorder.stop();
            recorder.release();
        } catch (IOException | RuntimeException e) {
            discard(recorder, live ? null : part);
            throw failure("cannot finish output " + shown, e);
        }
        if (live) {
            return output;
        }
        Path from = Path.of(part);
        Path to = Path.of(output);
        try {
            try {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
            }
            return output;
        } catch (IOException e) {
            deleteQuietly(part);
            throw failure("cannot rename " + part + " to " + output, e);
        }
    }

    /** Stops without producing an output: the part file is deleted. */
    void abort() {
        if (live) {
            // segments already written may have been watched; a restarted egress rewrites them from the start
            releaseQuietly(recorder);
            return;
        }
        discard(recorder, part);
    }

    /** Opens and starts an encoder for this output, the first time or after a push lost its server. */
    @FunctionalInterface
    private interface RecorderStart {
        FFmpegFrameRecorder start() throws IOException;
    }

    /** Releases the encoder and deletes {@code part}, unless it is null (nothing of ours to delete). */
    private static void discard(FFmpegFrameRecorder recorder, String part) {
        releaseQuietly(recorder);
        if (part != null) {
            deleteQuietly(part);
        }
    }

    private static void releaseQuietly(FFmpegFrameRecorder recorder) {
        try {
            recorder.release();
        } catch (IOException | RuntimeException e) {
            // nothing more to give: the output is being abandoned
        }
    }

    private static void deleteQuietly(String file) {
        try {
            Files.deleteIfExists(Path.of(file));
        } catch (IOException e) {
            // the .part name already says the file is incomplete
        }
    }

    static SrpException failure(String what, Exception e) {
        if (e instanceof SrpException s) {
            return s;
        }
        // FFmpeg's messages name the failing call; a plain IOException's message is often only a path
        String cause = e instanceof FrameRecorder.Exception ? e.getMessage() : e.toString();
        return new SrpException(what + ": " + cause, hint(cause), e);
    }

    /** What to check, by what failed: the muxer refusing a packet is no disk problem. */
    static String hint(String cause) {
        String c = String.valueOf(cause);
        if (c.contains("write_frame() error -22") || c.contains("non monotonically increasing")) {
            return "the container refused a frame's timestamp (--verbose shows FFmpeg's reason), which is not a disk "
                    + "problem but a bug in srp; please report it, and meanwhile re-encode the input at a constant "
                    + "frame rate (ffmpeg -i INPUT -fps_mode cfr OUTPUT)";
        }
        return "check that the output directory exists, is writable and has free space, and that the codec "
                + "suits the container and frame size";
    }
}
