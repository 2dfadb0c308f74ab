package dev.srp.contract;

import java.util.Objects;

/**
 * One video frame of a stream, or the end-of-stream marker that carries the stream's frame count.
 * Frames travel as decoded pixels; {@link FrameSerde} chooses how the pixels are packed on the wire.
 *
 * @param kind        frame or end of stream
 * @param streamId    the stream this frame belongs to (one input = one stream)
 * @param frameIndex  0-based position in the stream; for the end marker, equal to frameCount
 * @param ptsMicros   presentation time in microseconds from the stream's start
 * @param frameRate   the source frame rate
 * @param width       frame width in pixels (0 for the end marker)
 * @param height      frame height in pixels (0 for the end marker)
 * @param pixelFormat layout of {@code pixels}
 * @param shotId      0-based shot number within the stream; frames of one shot share a Kafka key
 * @param frameCount  number of frames in the stream (end marker only, -1 otherwise)
 * @param upscaleBy   1 when the pixels are final; otherwise the integer factor by which whoever writes the frame
 *                    out must still upscale them, bicubically. The SR worker sends a live frame that missed its
 *                    latency budget this way, as its LR pixels, so that a worker that is behind spends nothing on
 *                    it and egress scales it while converting it for the encoder anyway.
 * @param pixels      frame pixels, {@code pixelFormat.frameBytes(width, height)} long (empty for the end marker)
 * @param display     how the source's pictures are shown and timed (rotation, pixel aspect, colour tags, variable
 *                    frame rate), for egress to write into the output; {@link DisplayInfo#NONE} when it has none
 */
public record FrameMessage(Kind kind, String streamId, long frameIndex, long ptsMicros, FrameRate frameRate,
                           int width, int height, PixelFormat pixelFormat, long shotId, long frameCount,
                           int upscaleBy, byte[] pixels, DisplayInfo display) {
    /** The largest {@link #upscaleBy}: the largest model scale srp supports. */
    public static final int MAX_UPSCALE_BY = 8;

    public enum Kind { FRAME, END_OF_STREAM }

    public FrameMessage {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(frameRate, "frameRate");
        Objects.requireNonNull(pixelFormat, "pixelFormat");
        Objects.requireNonNull(pixels, "pixels");
        Objects.requireNonNull(display, "display");
        if (streamId.isEmpty()) {
            throw new IllegalArgumentException("streamId must not be empty");
        }
        if (kind == Kind.FRAME) {
            if (width <= 0 || height <= 0) {
                throw new IllegalArgumentException("frame size must be positive, got " + width + "x" + height);
            }
            if (pixels.length != pixelFormat.frameBytes(width, height)) {
                throw new IllegalArgumentException("pixels hold " + pixels.length + " bytes, " + width + "x" + height
                        + " " + pixelFormat + " needs " + pixelFormat.frameBytes(width, height));
            }
            if (frameIndex < 0 || shotId < 0) {
                throw new IllegalArgumentException("frameIndex and shotId must be >= 0");
            }
            if (upscaleBy < 1 || upscaleBy > MAX_UPSCALE_BY) {
                throw new IllegalArgumentException("upscaleBy must be between 1 and " + MAX_UPSCALE_BY + ", got "
                        + upscaleBy);
            }
        } else if (frameCount < 0) {
            throw new IllegalArgumentException("end-of-stream marker needs frameCount >= 0");
        } else if (upscaleBy != 1) {
            throw new IllegalArgumentException("an end-of-stream marker has no pixels to upscale");
        }
    }

    /** A message without display metadata ({@link DisplayInfo#NONE}). */
    public FrameMessage(Kind kind, String streamId, long frameIndex, long ptsMicros, FrameRate frameRate, int width,
                        int height, PixelFormat pixelFormat, long shotId, long frameCount, int upscaleBy,
                        byte[] pixels) {
        this(kind, streamId, frameIndex, ptsMicros, frameRate, width, height, pixelFormat, shotId, frameCount,
                upscaleBy, pixels, DisplayInfo.NONE);
    }

    public static FrameMessage frame(String streamId, long frameIndex, long ptsMicros, FrameRate frameRate,
                                     int width, int height, PixelFormat pixelFormat, long shotId, byte[] pixels) {
        return frame(streamId, frameIndex, ptsMicros, frameRate, width, height, pixelFormat, shotId, pixels,
                DisplayInfo.NONE);
    }

    public static FrameMessage frame(String streamId, long frameIndex, long ptsMicros, FrameRate frameRate,
                                     int width, int height, PixelFormat pixelFormat, long shotId, byte[] pixels,
                                     DisplayInfo display) {
        return new FrameMessage(Kind.FRAME, streamId, frameIndex, ptsMicros, frameRate, width, height, pixelFormat,
                shotId, -1, 1, pixels, display);
    }

    public static FrameMessage endOfStream(String streamId, long frameCount, long ptsMicros, FrameRate frameRate) {
        return new FrameMessage(Kind.END_OF_STREAM, streamId, frameCount, ptsMicros, frameRate, 0, 0,
                PixelFormat.RGB24, 0, frameCount, 1, new byte[0], DisplayInfo.NONE);
    }

    public boolean isEndOfStream() {
        return kind == Kind.END_OF_STREAM;
    }

    /** The same frame with other, final pixels and size: what the SR worker emits for each input frame. */
    public FrameMessage withPixels(int newWidth, int newHeight, byte[] newPixels) {
        return new FrameMessage(kind, streamId, frameIndex, ptsMicros, frameRate, newWidth, newHeight, pixelFormat,
                shotId, frameCount, 1, newPixels, display);
    }

    /** The same frame and pixels, marked to be upscaled bicubically by {@code factor} when it is written out. */
    public FrameMessage upscaledLater(int factor) {
        return new FrameMessage(kind, streamId, frameIndex, ptsMicros, frameRate, width, height, pixelFormat,
                shotId, frameCount, factor, pixels, display);
    }

    /** Width of the picture this frame stands for: {@code width * upscaleBy}. */
    public int outputWidth() {
        return width * upscaleBy;
    }

    /** Height of the picture this frame stands for: {@code height * upscaleBy}. */
    public int outputHeight() {
        return height * upscaleBy;
    }

    /** The Kafka key: all frames of one shot share it, so they land on one partition in order. */
    public String key() {
        return isEndOfStream() ? FrameKeys.endOfStream(streamId) : FrameKeys.shot(streamId, shotId);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FrameMessage m && kind == m.kind && streamId.equals(m.streamId)
                && frameIndex == m.frameIndex && ptsMicros == m.ptsMicros && frameRate.equals(m.frameRate)
                && width == m.width && height == m.height && pixelFormat == m.pixelFormat && shotId == m.shotId
                && frameCount == m.frameCount && upscaleBy == m.upscaleBy && display.equals(m.display)
                && java.util.Arrays.equals(pixels, m.pixels);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, streamId, frameIndex, shotId);
    }

    @Override
    public String toString() {
        return "FrameMessage[" + kind + " " + streamId + "#" + frameIndex + " shot " + shotId + " " + width + "x"
                + height + (upscaleBy == 1 ? "" : " to upscale x" + upscaleBy) + " pts " + ptsMicros + "us]";
    }
}
