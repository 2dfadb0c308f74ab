package dev.srp.pipeline;

import dev.srp.contract.MessageLimits;
import dev.srp.contract.SrpException;
import java.util.Locale;

/**
 * Whether one {@code srp upscale} run can carry the input's frames, checked when the source opens, before its first
 * frame: an upscaled frame must fit one Kafka message (raw, as incompressible noise would be), and the frames the
 * pipeline holds at once must fit the Java heap. Without it a huge input ran for seconds and died of
 * OutOfMemoryError.
 *
 * <p>The heap estimate counts, per upscaled frame, its RGB bytes and their serialised copy for each frame of a model
 * batch, plus egress's fetched, decoded and waiting copies; and a fixed part for the broker, the clients and
 * egress's in-memory reorder buffer. It is about twice what was measured: a 3840x2160 input at x2 (99.5 MB frames,
 * --batch-size 4) peaked at 908 MiB of heap in use; the estimate asks for 1.6 GiB.
 */
final class FrameBudget {
    /** Heap srp upscale uses whatever the frame size: broker, Kafka clients, egress's reorder buffer. */
    static final long FIXED_HEAP_BYTES = 512L << 20;
    /** Copies of an upscaled frame alive at once for each frame of a model batch, and in egress. */
    private static final int COPIES_PER_BATCH_FRAME = 2;
    private static final int COPIES_IN_EGRESS = 4;
    private static final int HEADER_BYTES = 4096;

    private FrameBudget() {
    }

    /** The heap a run needs for {@code width x height} input frames upscaled by {@code scale}. */
    static long heapNeeded(int width, int height, int scale, int batchSize) {
        long hrBytes = (long) width * scale * height * scale * 3;
        return FIXED_HEAP_BYTES + hrBytes * ((long) COPIES_PER_BATCH_FRAME * batchSize + COPIES_IN_EGRESS);
    }

    /**
     * @throws SrpException naming the input, its size and the setting that would allow it, when the run cannot
     *                      carry its frames
     */
    static void check(String input, int width, int height, int scale, int batchSize, MessageLimits limits,
                      long maxHeapBytes) {
        long outWidth = (long) width * scale;
        long outHeight = (long) height * scale;
        long hrBytes = outWidth * outHeight * 3;
        String what = "input " + input + " is " + width + "x" + height + ": x" + scale + " makes " + outWidth + "x"
                + outHeight + " frames of " + mb(hrBytes);
        if (hrBytes + HEADER_BYTES > limits.maxRecordBytes()) {
            long maxInputPixels = (limits.maxRecordBytes() - HEADER_BYTES) / 3 / ((long) scale * scale);
            throw new SrpException(what + ", more than the " + mb(limits.maxRecordBytes())
                    + " one frame message may carry", "at x" + scale + " srp upscale takes inputs of up to "
                    + String.format(Locale.ROOT, "%.1f", maxInputPixels / 1e6) + " megapixels (" + example16x9(
                    maxInputPixels) + " at 16:9)" + (scale > 2 ? "; use --scale 2" : "")
                    + ", or scale the input down first");
        }
        long needed = heapNeeded(width, height, scale, batchSize);
        if (needed > maxHeapBytes) {
            long gib = (needed + (1L << 30) - 1) >> 30;
            throw new SrpException(what + ", which need about " + mb(needed) + " of Java heap at --batch-size "
                    + batchSize + "; this JVM may use " + mb(maxHeapBytes), "raise the heap with SRP_JAVA_OPTS=-Xmx"
                    + gib + "g" + (batchSize > 1 ? ", or lower --batch-size" : "")
                    + (scale > 2 ? ", or use --scale 2" : ""));
        }
    }

    private static String example16x9(long pixels) {
        long h = (long) Math.floor(Math.sqrt(pixels * 9.0 / 16.0));
        h -= h % 2;
        long w = h * 16 / 9;
        w -= w % 2;
        return w + "x" + h;
    }

    private static String mb(long bytes) {
        return bytes >= (1L << 30) ? String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30))
                : String.format(Locale.ROOT, "%d MiB", Math.round(bytes / (double) (1L << 20)));
    }
}
