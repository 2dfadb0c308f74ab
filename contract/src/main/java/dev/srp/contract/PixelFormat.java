package dev.srp.contract;

/** Pixel layouts a frame payload may use. Codes are part of the wire format: never renumber. */
public enum PixelFormat {
    /** Packed 8-bit R, G, B, row-major, no padding. */
    RGB24(1, 3);

    private final int code;
    private final int bytesPerPixel;

    PixelFormat(int code, int bytesPerPixel) {
        this.code = code;
        this.bytesPerPixel = bytesPerPixel;
    }

    public int code() {
        return code;
    }

    public int bytesPerPixel() {
        return bytesPerPixel;
    }

    public int frameBytes(int width, int height) {
        return Math.multiplyExact(Math.multiplyExact(width, height), bytesPerPixel);
    }

    static PixelFormat ofCode(int code) {
        for (PixelFormat f : values()) {
            if (f.code == code) {
                return f;
            }
        }
        throw new MalformedMessageException("unknown pixel format code " + code);
    }
}
