package dev.srp.contract;

import com.github.luben.zstd.Zstd;

/**
 * How frame pixels are packed on the wire. Codes are part of the wire format: never renumber.
 * Both codecs are lossless; see docs/payload-encoding.md for the measurements behind the default.
 */
public enum PayloadCodec {
    /** The pixels as they are. */
    RAW(0),
    /** Each byte minus the same channel of the pixel to its left (PNG's "Sub" filter), then zstd level 1. */
    DELTA_ZSTD(1);

    private static final int ZSTD_LEVEL = 1;
    private final int code;

    PayloadCodec(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    static PayloadCodec ofCode(int code) {
        for (PayloadCodec c : values()) {
            if (c.code == code) {
                return c;
            }
        }
        throw new MalformedMessageException("unknown payload codec code " + code);
    }

    public byte[] encode(byte[] pixels, int bytesPerPixel) {
        return switch (this) {
            case RAW -> pixels;
            case DELTA_ZSTD -> Zstd.compress(subFilter(pixels, bytesPerPixel), ZSTD_LEVEL);
        };
    }

    public byte[] decode(byte[] payload, int bytesPerPixel, int expectedLength) {
        byte[] pixels = switch (this) {
            case RAW -> payload;
            case DELTA_ZSTD -> unSubFilter(decompress(payload, expectedLength), bytesPerPixel);
        };
        if (pixels.length != expectedLength) {
            throw new MalformedMessageException("payload decodes to " + pixels.length + " bytes, expected "
                    + expectedLength);
        }
        return pixels;
    }

    private static byte[] decompress(byte[] payload, int expectedLength) {
        long size = Zstd.getFrameContentSize(payload);
        if (size != expectedLength) {
            throw new MalformedMessageException("zstd payload declares " + size + " bytes, expected " + expectedLength);
        }
        try {
            return Zstd.decompress(payload, expectedLength);
        } catch (RuntimeException e) {
            throw new MalformedMessageException("zstd payload is corrupt: " + e.getMessage(), e);
        }
    }

    static byte[] subFilter(byte[] in, int bpp) {
        byte[] out = new byte[in.length];
        System.arraycopy(in, 0, out, 0, Math.min(bpp, in.length));
        for (int i = bpp; i < in.length; i++) {
            out[i] = (byte) (in[i] - in[i - bpp]);
        }
        return out;
    }

    /**
     * The inverse of {@link #subFilter}, in place. For RGB24 (every frame between the worker and egress) the three
     * running channel values stay in registers: the byte-by-byte form reads each byte three stores after writing
     * it, and that store-to-load chain made it 2.7x slower on an idle core (9.5 against 3.5 ms a 1280x720 frame,
     * zstd included); in a whole run, with the model on the other core, egress spent a third less time in it.
     */
    static byte[] unSubFilter(byte[] in, int bpp) {
        if (bpp != 3 || in.length % 3 != 0) {
            for (int i = bpp; i < in.length; i++) {
                in[i] = (byte) (in[i] + in[i - bpp]);
            }
            return in;
        }
        int r = 0;
        int g = 0;
        int b = 0;
        for (int i = 0; i < in.length; i += 3) {
            r += in[i];
            g += in[i + 1];
            b += in[i + 2];
            in[i] = (byte) r;
            in[i + 1] = (byte) g;
            in[i + 2] = (byte) b;
        }
        return in;
    }
}
