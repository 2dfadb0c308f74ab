package dev.srp.worker.masks.sam;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.util.NDImageUtils;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.srp.contract.SrpException;
import dev.srp.worker.TorchScriptLoader;
import java.io.IOException;

/**
 * SAM's two halves through DJL: the image encoder (once per frame) and the prompt decoder (per batch of point
 * prompts). Input preparation follows SAM: resize the long side to imageSize, normalise, pad to a square.
 */
final class SamModel implements AutoCloseable {
    private final SamExport export;
    private final Model encoder;
    private final Model decoder;

    /** Logits {@code [n][3][maskSize * maskSize]} and predicted IoUs {@code [n][3]} for n point prompts. */
    record Prediction(float[][][] logits, float[][] iou) {
    }

    private SamModel(SamExport export, Model encoder, Model decoder) {
        this.export = export;
        this.encoder = encoder;
        this.decoder = decoder;
    }

    static SamModel load(SamExport export, int threads) {
        Model encoder = null;
        try {
            encoder = TorchScriptLoader.load(export.encoder(), export.name() + "-encoder", threads);
            Model decoder = TorchScriptLoader.load(export.decoder(), export.name() + "-decoder", threads);
            return new SamModel(export, encoder, decoder);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            if (encoder != null) {
                encoder.close();
            }
            throw new SrpException("cannot load the SAM export in " + export.dir() + ": " + e.getMessage(),
                    "export encoder.pt and decoder.pt with torch.jit as docs/sam.md shows", e);
        }
    }

    SamExport export() {
        return export;
    }

    /** Side of the image inside the padded encoder input, for a frame of this size. */
    int resizedWidth(int width, int height) {
        return Math.round((float) width * export.imageSize() / Math.max(width, height));
    }

    int resizedHeight(int width, int height) {
        return Math.round((float) height * export.imageSize() / Math.max(width, height));
    }

    /** Embeds a frame and decodes every prompt batch against it, freeing native memory as it goes. */
    Prediction[] predict(byte[] rgb, int width, int height, float[][][] pointBatches) {
        try (NDManager m = encoder.getNDManager().newSubManager()) {
            NDArray embeddings = embed(m, rgb, width, height);
            Prediction[] out = new Prediction[pointBatches.length];
            for (int b = 0; b < pointBatches.length; b++) {
                out[b] = decode(m, embeddings, pointBatches[b]);
            }
            return out;
        }
    }

    private NDArray embed(NDManager m, byte[] rgb, int width, int height) {
        int s = export.imageSize();
        int rw = resizedWidth(width, height);
        int rh = resizedHeight(width, height);
        NDArray hwc = m.create(java.nio.ByteBuffer.wrap(rgb), new Shape(height, width, 3), DataType.UINT8)
                .toType(DataType.FLOAT32, false);
        NDArray resized = NDImageUtils.resize(hwc, rw, rh, Image.Interpolation.BILINEAR)
                .transpose(2, 0, 1).expandDims(0);
        NDArray mean = m.create(export.pixelMean()).reshape(1, 3, 1, 1);
        NDArray std = m.create(export.pixelStd()).reshape(1, 3, 1, 1);
        NDArray normalised = resized.sub(mean).div(std);
        NDArray padded = m.zeros(new Shape(1, 3, s, s));
        padded.set(new ai.djl.ndarray.index.NDIndex(":, :, :{}, :{}", rh, rw), normalised);
        return encoder.getBlock().forward(new ParameterStore(m, false), new NDList(padded), false).singletonOrThrow();
    }

    private Prediction decode(NDManager m, NDArray embeddings, float[][] points) {
        int n = points.length;
        float[] coords = new float[n * 2];
        float[] labels = new float[n];
        for (int i = 0; i < n; i++) {
            coords[2 * i] = points[i][0];
            coords[2 * i + 1] = points[i][1];
            labels[i] = 1;
        }
        NDList out = decoder.getBlock().forward(new ParameterStore(m, false), new NDList(embeddings,
                m.create(coords, new Shape(n, 1, 2)), m.create(labels, new Shape(n, 1))), false);
        int ms = export.maskSize();
        float[] logits = out.get(0).toType(DataType.FLOAT32, false).toFloatArray();
        float[] iou = out.get(1).toType(DataType.FLOAT32, false).toFloatArray();
        int perMask = ms * ms;
        int k = logits.length / (n * perMask);
        float[][][] l = new float[n][k][];
        float[][] q = new float[n][k];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                l[i][j] = java.util.Arrays.copyOfRange(logits, (i * k + j) * perMask, (i * k + j + 1) * perMask);
                q[i][j] = iou[i * k + j];
            }
        }
        return new Prediction(l, q);
    }

    @Override
    public void close() {
        encoder.close();
        decoder.close();
    }
}
