package dev.srp.worker;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The tensor boundary of the model contract: packed RGB24 frames in, uint8 NHWC -> float NCHW in [0,1] (tensor ops)
 * -> model -> scale to 0..255, clamp, round -> packed RGB24 frames out ({@link Rgb24Output}, one pass in Java over
 * the output tensor's memory).
 */
final class RgbBatchTranslator implements Translator<RgbBatchTranslator.Batch, List<UpscaledFrame>> {

    /**
     * Same-sized frames, stacked by the caller into one buffer so the tensor is made in one copy; for a SAMSR model
     * also each frame's W ({@code count x h x w}) and eps' ({@code count x noiseChannels x h x w}) as float32 in
     * direct native-order buffers, else null. Direct buffers become tensors without a copy (DJL wraps them), so a
     * shot's W and eps', made once, are not copied again for each of its frames.
     */
    record Batch(ByteBuffer packed, int count, int width, int height, ByteBuffer weight, ByteBuffer noise,
                 int noiseChannels) {
        Batch(ByteBuffer packed, int count, int width, int height) {
            this(packed, count, width, height, null, null, 0);
        }

        Batch again() {
            return new Batch(packed.duplicate(), count, width, height, duplicate(weight), duplicate(noise),
                    noiseChannels);
        }

        private static ByteBuffer duplicate(ByteBuffer b) {
            return b == null ? null : b.duplicate();
        }
    }

    private final int scale;

    RgbBatchTranslator(int scale) {
        this.scale = scale;
    }

    static Batch stack(List<byte[]> frames, int width, int height) {
        int frameBytes = Math.multiplyExact(Math.multiplyExact(width, height), 3);
        ByteBuffer packed = ByteBuffer.allocateDirect(Math.multiplyExact(frameBytes, frames.size()));
        for (byte[] frame : frames) {
            if (frame.length != frameBytes) {
                throw new IllegalArgumentException("frame holds " + frame.length + " bytes, " + width + "x" + height
                        + " RGB24 needs " + frameBytes);
            }
            packed.put(frame);
        }
        packed.flip();
        return new Batch(packed, frames.size(), width, height);
    }

    @Override
    public NDList processInput(TranslatorContext ctx, Batch batch) {
        NDArray nhwc = ctx.getNDManager().create(batch.packed(),
                new Shape(batch.count(), batch.height(), batch.width(), 3), DataType.UINT8);
        // flatten + reshape makes the permuted view contiguous NCHW (a 0.7 MB copy a frame). Left as a view, its
        // channels-last strides carry through the network to the output, which then is not contiguous either and
        // must be copied (11 MB a frame) before processOutput can read it.
        Shape nchwShape = new Shape(batch.count(), 3, batch.height(), batch.width());
        NDArray nchw = nhwc.toType(DataType.FLOAT32, false).transpose(0, 3, 1, 2).flatten().reshape(nchwShape)
                .div(255f);
        ctx.setAttachment("batch", batch);
        if (batch.weight() == null) {
            return new NDList(nchw);
        }
        return new NDList(nchw,
                ctx.getNDManager().create(batch.weight(), new Shape(batch.count(), 1, batch.height(), batch.width()),
                        DataType.FLOAT32),
                ctx.getNDManager().create(batch.noise(),
                        new Shape(batch.count(), batch.noiseChannels(), batch.height(), batch.width()),
                        DataType.FLOAT32));
    }

    @Override
    public List<UpscaledFrame> processOutput(TranslatorContext ctx, NDList list) {
        Batch batch = (Batch) ctx.getAttachment("batch");
        NDArray hr = list.head();
        Shape expected = new Shape(batch.count(), 3, (long) batch.height() * scale, (long) batch.width() * scale);
        if (!hr.getShape().equals(expected)) {
            throw new IllegalStateException("model returned shape " + hr.getShape() + ", the contract needs "
                    + expected + " for a " + batch.width() + "x" + batch.height() + " batch at scale " + scale);
        }
        // the output tensor's own memory (a copy only if the model returned a non-contiguous view)
        FloatBuffer nchw = hr.toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer();
        int hrWidth = batch.width() * scale;
        int hrHeight = batch.height() * scale;
        int frameFloats = 3 * hrWidth * hrHeight;
        List<UpscaledFrame> frames = new ArrayList<>(batch.count());
        for (int i = 0; i < batch.count(); i++) {
            frames.add(Rgb24Output.frame(nchw, Math.multiplyExact(i, frameFloats), hrWidth, hrHeight));
        }
        return frames;
    }

    @Override
    public Batchifier getBatchifier() {
        // the batch is already a tensor's first dimension; DJL's default batchifier would add another
        return null;
    }
}
