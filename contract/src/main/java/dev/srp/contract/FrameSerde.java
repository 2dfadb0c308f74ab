package dev.srp.contract;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Binary serde for {@link FrameMessage}, wire versions 1, 2 and 3 (big-endian):
 * <pre>
 * magic "SRF" | version u8 | kind u8 (0 frame, 1 end) | streamId u16 length + UTF-8
 * frameIndex i64 | ptsMicros i64 | frameRate num i32, den i32 | width i32 | height i32
 * pixelFormat u8 | shotId i64 | frameCount i64 | [versions 2, 3: upscaleBy u8]
 * [version 3: rotation i16 | SAR num i32, den i32 | colour primaries u8, transfer u8, matrix u8 | flags u8]
 * payloadCodec u8 | payload length i32 | payload
 * </pre>
 * Version 2 adds {@code upscaleBy}, version 3 the {@link DisplayInfo} block (flags bit 0: variable frame rate).
 * Each is written only when needed: version 3 for a message whose display info is not {@link DisplayInfo#NONE},
 * else version 2 for a frame with an {@code upscaleBy} other than 1, else version 1, so a message without either
 * is byte for byte what older builds wrote and read. Deserialising reads any codec and all three versions;
 * serialising uses the codec this serde was built with.
 */
public final class FrameSerde extends WireSerde<FrameMessage> {
    static final byte[] MAGIC = {'S', 'R', 'F'};
    static final int VERSION = 1;
    /** Adds upscaleBy after frameCount. */
    static final int VERSION_UPSCALE_BY = 2;
    /** Adds the display block after upscaleBy. */
    static final int VERSION_DISPLAY = 3;
    private static final int DISPLAY_BLOCK_BYTES = 2 + 4 + 4 + 1 + 1 + 1 + 1;
    private static final int FLAG_VARIABLE_FRAME_RATE = 1;
    private static final int MAX_STREAM_ID_BYTES = 1024;

    private final PayloadCodec codec;

    public FrameSerde(PayloadCodec codec) {
        super(MAGIC, "frame");
        this.codec = codec;
    }

    /** The codec chosen by measurement for every topic (docs/payload-encoding.md). */
    public static FrameSerde defaultCodec() {
        return new FrameSerde(PayloadCodec.DELTA_ZSTD);
    }

    @Override
    protected byte[] write(FrameMessage m) {
        byte[] id = m.streamId().getBytes(StandardCharsets.UTF_8);
        if (id.length > MAX_STREAM_ID_BYTES) {
            throw new IllegalArgumentException("streamId longer than " + MAX_STREAM_ID_BYTES + " bytes");
        }
        byte[] payload = codec.encode(m.pixels(), m.pixelFormat().bytesPerPixel());
        DisplayInfo display = m.display();
        boolean displayBlock = !display.equals(DisplayInfo.NONE);
        boolean upscaleLater = displayBlock || m.upscaleBy() != 1;
        int version = displayBlock ? VERSION_DISPLAY : upscaleLater ? VERSION_UPSCALE_BY : VERSION;
        ByteBuffer b = header(2 + id.length + 8 + 8 + 4 + 4 + 4 + 4 + 1 + 8 + 8 + (upscaleLater ? 1 : 0)
                + (displayBlock ? DISPLAY_BLOCK_BYTES : 0) + 1 + 4 + payload.length, version, m.kind());
        b.putShort((short) id.length).put(id);
        b.putLong(m.frameIndex()).putLong(m.ptsMicros());
        b.putInt(m.frameRate().numerator()).putInt(m.frameRate().denominator());
        b.putInt(m.width()).putInt(m.height());
        b.put((byte) m.pixelFormat().code());
        b.putLong(m.shotId()).putLong(m.frameCount());
        if (upscaleLater) {
            b.put((byte) m.upscaleBy());
        }
        if (displayBlock) {
            b.putShort((short) display.rotationDegrees()).putInt(display.sarNum()).putInt(display.sarDen());
            b.put((byte) display.colorPrimaries()).put((byte) display.colorTransfer())
                    .put((byte) display.colorMatrix());
            b.put((byte) (display.variableFrameRate() ? FLAG_VARIABLE_FRAME_RATE : 0));
        }
        b.put((byte) codec.code()).putInt(payload.length).put(payload);
        return b.array();
    }

    @Override
    protected FrameMessage read(ByteBuffer b, int version) {
        if (version != VERSION && version != VERSION_UPSCALE_BY && version != VERSION_DISPLAY) {
            throw new MalformedMessageException("unsupported frame message version " + version
                    + " (this build reads versions " + VERSION + " to " + VERSION_DISPLAY + ")");
        }
        FrameMessage.Kind kind = readKind(b, FrameMessage.Kind.values());
        int idLength = b.getShort() & 0xffff;
        if (idLength > MAX_STREAM_ID_BYTES) {
            throw new MalformedMessageException("streamId length " + idLength + " exceeds " + MAX_STREAM_ID_BYTES);
        }
        byte[] id = new byte[idLength];
        b.get(id);
        long frameIndex = b.getLong();
        long pts = b.getLong();
        int num = b.getInt();
        int den = b.getInt();
        int width = b.getInt();
        int height = b.getInt();
        PixelFormat pixelFormat = PixelFormat.ofCode(b.get() & 0xff);
        long shotId = b.getLong();
        long frameCount = b.getLong();
        int upscaleBy = version >= VERSION_UPSCALE_BY ? b.get() & 0xff : 1;
        DisplayInfo display = version >= VERSION_DISPLAY ? new DisplayInfo(b.getShort(), b.getInt(), b.getInt(),
                b.get() & 0xff, b.get() & 0xff, b.get() & 0xff, (b.get() & FLAG_VARIABLE_FRAME_RATE) != 0)
                : DisplayInfo.NONE;
        PayloadCodec payloadCodec = PayloadCodec.ofCode(b.get() & 0xff);
        byte[] payload = readTail(b, "payload");
        int expected = kind == FrameMessage.Kind.FRAME ? checkedFrameBytes(pixelFormat, width, height) : 0;
        byte[] pixels = payloadCodec.decode(payload, pixelFormat.bytesPerPixel(), expected);
        return new FrameMessage(kind, new String(id, StandardCharsets.UTF_8), frameIndex, pts,
                new FrameRate(num, den), width, height, pixelFormat, shotId, frameCount, upscaleBy, pixels, display);
    }

    private static int checkedFrameBytes(PixelFormat format, int width, int height) {
        if (width <= 0 || height <= 0 || width > 16384 || height > 16384) {
            throw new MalformedMessageException("impossible frame size " + width + "x" + height);
        }
        return format.frameBytes(width, height);
    }
}
