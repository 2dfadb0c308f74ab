package dev.srp.ingest;

import dev.srp.contract.AudioChunk;
import dev.srp.contract.DisplayInfo;
import dev.srp.contract.FrameMessage;
import dev.srp.contract.FrameRate;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * How far ingest has published one stream: the next frame and audio chunk to publish, where the timeline and the
 * shot numbering stand, and the picture format, so a restarted ingest can check it reads the same input. Written
 * to the compacted progress topic inside every frame transaction, so it never disagrees with the committed frames.
 * It is stored as Java properties text: a person can read it with any Kafka console consumer.
 *
 * @param nextFrame      index of the next frame to publish (frames 0..nextFrame-1 are committed)
 * @param nextAudioChunk sequence number of the next audio chunk to publish
 * @param lastShotId     shot id of the last frame published, -1 before the first
 * @param nextPtsMicros  timestamp the next frame continues from (the last frame's plus one frame)
 * @param width          frame width of the input
 * @param height         frame height of the input
 * @param frameRate      frame rate of the input
 * @param ended          whether the end-of-stream marker is committed: the stream is complete
 * @param display        the display info the stream's frames carry; a resumed stream keeps it, since egress wrote
 *                       its output's metadata from the first frame. Stored only when not {@link DisplayInfo#NONE},
 *                       so a record without it reads as before.
 */
record StreamProgress(long nextFrame, long nextAudioChunk, long lastShotId, long nextPtsMicros, int width,
                      int height, FrameRate frameRate, boolean ended, DisplayInfo display) {
    private static final String VERSION = "1";

    StreamProgress(long nextFrame, long nextAudioChunk, long lastShotId, long nextPtsMicros, int width, int height,
                   FrameRate frameRate, boolean ended) {
        this(nextFrame, nextAudioChunk, lastShotId, nextPtsMicros, width, height, frameRate, ended, DisplayInfo.NONE);
    }

    /** A stream nothing of which has been published yet. */
    static StreamProgress start(SourceInfo info) {
        return new StreamProgress(0, 0, -1, 0, info.width(), info.height(), info.frameRate(), false, info.display());
    }

    /** After publishing {@code frame}: a frame moves the stream on, the end-of-stream marker completes it. */
    StreamProgress after(FrameMessage frame) {
        if (frame.isEndOfStream()) {
            return new StreamProgress(nextFrame, nextAudioChunk, lastShotId, nextPtsMicros, width, height, frameRate,
                    true, display);
        }
        return new StreamProgress(frame.frameIndex() + 1, nextAudioChunk, frame.shotId(),
                frame.ptsMicros() + frameRate.frameMicros(), width, height, frameRate, false, display);
    }

    /** After publishing {@code chunk}; the end-of-audio marker changes nothing. */
    StreamProgress after(AudioChunk chunk) {
        return chunk.isEnd() ? this : new StreamProgress(nextFrame, chunk.sequence() + 1, lastShotId, nextPtsMicros,
                width, height, frameRate, ended, display);
    }

    /** Whether frames of {@code info} can continue this stream: same size and frame rate. */
    String formatChange(SourceInfo info) {
        if (info.width() != width || info.height() != height) {
            return info.width() + "x" + info.height() + " frames (the stream has " + width + "x" + height + ")";
        }
        if (!info.frameRate().equals(frameRate)) {
            return info.frameRate() + " fps (the stream has " + frameRate + " fps)";
        }
        return null;
    }

    byte[] toBytes() {
        Properties p = new Properties();
        p.setProperty("version", VERSION);
        p.setProperty("next.frame", Long.toString(nextFrame));
        p.setProperty("next.audio.chunk", Long.toString(nextAudioChunk));
        p.setProperty("last.shot.id", Long.toString(lastShotId));
        p.setProperty("next.pts.micros", Long.toString(nextPtsMicros));
        p.setProperty("width", Integer.toString(width));
        p.setProperty("height", Integer.toString(height));
        p.setProperty("frame.rate", frameRate.numerator() + "/" + frameRate.denominator());
        p.setProperty("ended", Boolean.toString(ended));
        if (!display.equals(DisplayInfo.NONE)) {
            p.setProperty("display.rotation", Integer.toString(display.rotationDegrees()));
            p.setProperty("display.sar", display.sarNum() + ":" + display.sarDen());
            p.setProperty("display.colour", display.colorPrimaries() + "/" + display.colorTransfer() + "/"
                    + display.colorMatrix());
            p.setProperty("display.variable.frame.rate", Boolean.toString(display.variableFrameRate()));
        }
        StringWriter out = new StringWriter();
        try {
            p.store(out, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Parses a progress record; throws IllegalArgumentException naming what is wrong with it. */
    static StreamProgress fromBytes(byte[] bytes) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(new String(bytes, StandardCharsets.UTF_8)));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a properties text: " + e.getMessage(), e);
        }
        if (!VERSION.equals(p.getProperty("version"))) {
            throw new IllegalArgumentException("unknown progress version " + p.getProperty("version"));
        }
        String[] rate = required(p, "frame.rate").split("/");
        if (rate.length != 2) {
            throw new IllegalArgumentException("frame.rate is not N/D: " + p.getProperty("frame.rate"));
        }
        return new StreamProgress(number(p, "next.frame"), number(p, "next.audio.chunk"), number(p, "last.shot.id"),
                number(p, "next.pts.micros"), (int) number(p, "width"), (int) number(p, "height"),
                new FrameRate(Integer.parseInt(rate[0].strip()), Integer.parseInt(rate[1].strip())),
                Boolean.parseBoolean(required(p, "ended")), display(p));
    }

    private static DisplayInfo display(Properties p) {
        if (p.getProperty("display.rotation") == null) {
            return DisplayInfo.NONE;
        }
        String[] sar = required(p, "display.sar").split(":");
        String[] colour = required(p, "display.colour").split("/");
        if (sar.length != 2 || colour.length != 3) {
            throw new IllegalArgumentException("display.sar or display.colour is malformed");
        }
        return new DisplayInfo((int) number(p, "display.rotation"), Integer.parseInt(sar[0].strip()),
                Integer.parseInt(sar[1].strip()), Integer.parseInt(colour[0].strip()),
                Integer.parseInt(colour[1].strip()), Integer.parseInt(colour[2].strip()),
                Boolean.parseBoolean(required(p, "display.variable.frame.rate")));
    }

    private static String required(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IllegalArgumentException("progress record lacks " + key);
        }
        return v;
    }

    private static long number(Properties p, String key) {
        try {
            return Long.parseLong(required(p, key).strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " is not a number: " + p.getProperty(key), e);
        }
    }
}
