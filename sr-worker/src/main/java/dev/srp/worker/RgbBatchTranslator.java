package dev.srp.worker;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The tensor boundary of the model contract: packed RGB24 frames in, uint8 NHWC -> float NCHW in [0,1] -> model
 * -> clamp, scale to 0..255, round -> packed RGB24 frames out. All in tensor ops, so no per-pixel Java loop.
 */
final class RgbBatchTranslator implements Translator<RgbBatchTranslator.Batch, List<byte[]>> {

    /**
     * Same-sized frames, stacked by the caller into one buffer so the tensor is made in one copy; for a SAMSR model
     * also each frame's W ({@code count x h x w}) and eps' ({@code count x noiseChannels x h x w}), else null.
     */
    record Batch(ByteBuffer packed, int count, int width, int height, float[] weight, float[] noise,
                 int noiseChannels) {
        Batch(ByteBuffer packed, int count, int width, int height) {
            this(packed, count, width, height, null, null, 0);
        }

        Batch again() {
            return new Batch(packed.duplicate(), count, width, height, weight, noise, noiseChannels);
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
        NDArray nchw = nhwc.toType(DataType.FLOAT32, false).transpose(0, 3, 1, 2).div(255f);
        ctx.setAttachment("batch", batch);
        if (batch.weight() == null) {
            return new NDList(nchw);
        }
        return new NDList(nchw,
                ctx.getNDManager().create(batch.weight(), new Shape(batch.count(), 1, batch.height(), batch.width())),
                ctx.getNDManager().create(batch.noise(),
                        new Shape(batch.count(), batch.noiseChannels(), batch.height(), batch.width())));
    }

    @Override
    public List<byte[]> processOutput(TranslatorContext ctx, NDList list) {
        Batch batch = (Batch) ctx.getAttachment("batch");
        NDArray hr = list.head();
        Shape expected = new Shape(batch.count(), 3, (long) batch.height() * scale, (long) batch.width() * scale);
        if (!hr.getShape().equals(expected)) {
            throw new IllegalStateException("model returned shape " + hr.getShape() + ", the contract needs "
                    + expected + " for a " + batch.width() + "x" + batch.height() + " batch at scale " + scale);
        }
        // clip before the cast: uint8 conversion wraps out-of-range values instead of saturating
        byte[] all = hr.mul(255f).clip(0f, 255f).round().toType(DataType.UINT8, false)
                .transpose(0, 2, 3, 1).toByteArray();
        int frameBytes = all.length / batch.count();
        List<byte[]> frames = new ArrayList<>(batch.count());
        for (int i = 0; i < batch.count(); i++) {
            byte[] frame = new byte[frameBytes];
            System.arraycopy(all, i * frameBytes, frame, 0, frameBytes);
            frames.add(frame);
        }
        return frames;
    }

    @Override
    public Batchifier getBatchifier() {
        // the batch is already a tensor's first dimension; DJL's default batchifier would add another
        return null;
    }
}
