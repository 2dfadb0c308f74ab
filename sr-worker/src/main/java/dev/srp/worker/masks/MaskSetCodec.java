package dev.srp.worker.masks;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * The compact byte form of a {@link MaskSet}, for the per-shot state store and its changelog.
 *
 * <p>Layout (version 1): {@code [version=1][body codec: 0 raw, 1 zstd][varint width][varint height][varint count]}
 * then the body. The body holds each mask as run lengths in row-major order, alternating "clear" and "set" runs and
 * starting with a clear run (zero when the mask starts at pixel 0), each an unsigned LEB128 varint, until the runs sum
 * to {@code width * height}. Segment masks are a few long runs per row, so this is far smaller than a bitset; the
 * encoder also tries zstd on the body and keeps whichever is shorter, so the form is deterministic.
 */
final class MaskSetCodec {
    static final byte VERSION = 1;
    private static final byte RAW = 0;
    private static final byte ZSTD = 1;
    private static final int ZSTD_LEVEL = 3;
    /** Refuses bodies that claim to inflate past this: a corrupt or hostile record must not exhaust the heap. */
    private static final long MAX_BODY_BYTES = 64L << 20;

    private MaskSetCodec() {
    }

    static byte[] encode(MaskSet set) {
        byte[] body = runLengths(set);
        byte[] packed = Zstd.compress(body, ZSTD_LEVEL);
        boolean useZstd = packed.length < body.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 + Math.min(body.length, packed.length));
        out.write(VERSION);
        out.write(useZstd ? ZSTD : RAW);
        Varints.write(out, set.width());
        Varints.write(out, set.height());
        Varints.write(out, set.count());
        out.writeBytes(useZstd ? packed : body);
        return out.toByteArray();
    }

    static MaskSet decode(byte[] bytes) {
        if (bytes == null || bytes.length < 5) {
            throw new IllegalArgumentException("mask set: need at least 5 bytes, got "
                    + (bytes == null ? "null" : bytes.length));
        }
        if (bytes[0] != VERSION) {
            throw new IllegalArgumentException("mask set: unknown version " + bytes[0] + " (this build reads "
                    + VERSION + "); was it written by a newer srp?");
        }
        byte codec = bytes[1];
        Varints.Reader header = new Varints.Reader(bytes, 2, bytes.length);
        int width = header.next();
        int height = header.next();
        int count = header.next();
        if (width <= 0 || height <= 0 || (long) width * height > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("mask set: bad size " + width + "x" + height);
        }
        byte[] body = Arrays.copyOfRange(bytes, header.position(), bytes.length);
        if (codec == ZSTD) {
            body = inflate(body);
        } else if (codec != RAW) {
            throw new IllegalArgumentException("mask set: unknown body codec " + codec);
        }
        return new MaskSet(width, height, readMasks(body, width * height, count));
    }

    private static byte[] runLengths(MaskSet set) {
        int n = set.pixels();
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * Math.max(1, set.count()));
        for (BitSet mask : set.masks()) {
            int pos = 0;
            while (pos < n) {
                int setStart = mask.nextSetBit(pos);
                if (setStart < 0 || setStart >= n) {
                    setStart = n;
                }
                Varints.write(out, setStart - pos);
                if (setStart == n) {
                    break;
                }
                int setEnd = Math.min(mask.nextClearBit(setStart), n);
                Varints.write(out, setEnd - setStart);
                pos = setEnd;
            }
        }
        return out.toByteArray();
    }

    private static List<BitSet> readMasks(byte[] body, int n, int count) {
        Varints.Reader in = new Varints.Reader(body, 0, body.length);
        List<BitSet> masks = new ArrayList<>(Math.min(count, 4096));
        for (int m = 0; m < count; m++) {
            BitSet mask = new BitSet(n);
            int pos = 0;
            boolean set = false;
            while (pos < n) {
                int run = in.next();
                if (run > n - pos || (run == 0 && (set || pos > 0))) {
                    throw new IllegalArgumentException("mask set: bad run " + run + " at pixel " + pos + " of mask "
                            + m + " (" + n + " pixels)");
                }
                if (set) {
                    mask.set(pos, pos + run);
                }
                pos += run;
                set = !set;
            }
            masks.add(mask);
        }
        if (in.position() != body.length) {
            throw new IllegalArgumentException("mask set: " + (body.length - in.position())
                    + " trailing bytes after " + count + " masks");
        }
        return masks;
    }

    private static byte[] inflate(byte[] packed) {
        long size = Zstd.getFrameContentSize(packed);
        if (size < 0 || size > MAX_BODY_BYTES) {
            throw new IllegalArgumentException("mask set: zstd body of unknown or oversized length " + size);
        }
        byte[] body = new byte[(int) size];
        long written;
        try {
            written = Zstd.decompress(body, packed);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("mask set: corrupt zstd body: " + e.getMessage(), e);
        }
        if (Zstd.isError(written) || written != size) {
            throw new IllegalArgumentException("mask set: zstd body does not inflate to " + size + " bytes: "
                    + (Zstd.isError(written) ? Zstd.getErrorName(written) : written + " bytes"));
        }
        return body;
    }
}
