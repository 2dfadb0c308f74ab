package dev.srp.worker.masks;

import java.io.ByteArrayOutputStream;

/** Unsigned LEB128 varints (7 bits a byte, low bits first), as in protobuf: run lengths are mostly one byte. */
final class Varints {
    private Varints() {
    }

    static void write(ByteArrayOutputStream out, int value) {
        if (value < 0) {
            throw new IllegalArgumentException("varint must be non-negative, got " + value);
        }
        int v = value;
        while ((v & ~0x7F) != 0) {
            out.write((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write(v);
    }

    /** Reads varints from {@code bytes[from, to)}, failing with the offset on truncated or over-long input. */
    static final class Reader {
        private final byte[] bytes;
        private final int end;
        private int pos;

        Reader(byte[] bytes, int from, int to) {
            this.bytes = bytes;
            this.pos = from;
            this.end = to;
        }

        int next() {
            int value = 0;
            for (int shift = 0; shift < 32; shift += 7) {
                if (pos >= end) {
                    throw new IllegalArgumentException("varint truncated at byte " + pos);
                }
                int b = bytes[pos++] & 0xFF;
                if (shift == 28 && (b & 0x78) != 0) {
                    throw new IllegalArgumentException("varint out of int range ending at byte " + pos);
                }
                value |= (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new IllegalArgumentException("varint longer than 5 bytes ending at byte " + pos);
        }

        int position() {
            return pos;
        }
    }
}
