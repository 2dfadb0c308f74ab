package dev.srp.worker.masks.sam;

import dev.srp.worker.masks.MaskGenerator;
import dev.srp.worker.masks.MaskSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * SAM's automatic mask generation ("segment everything") on one LR frame: a grid of point prompts, the decoder's
 * three masks per point, filtered by predicted IoU and stability score, de-duplicated by box NMS, then pooled to LR
 * and thresholded. SAM is expensive, which is why srp runs any generator once per shot, not per frame.
 */
public final class SamMaskGenerator implements MaskGenerator {
    private final SamModel model;
    private final AmgSettings settings;

    private SamMaskGenerator(SamModel model, AmgSettings settings) {
        this.model = model;
        this.settings = settings;
    }

    /** Loads the export in {@code exportDir} (encoder.pt, decoder.pt, sam.properties; see docs/sam.md). */
    public static SamMaskGenerator load(Path exportDir, AmgSettings settings, int threads) {
        return new SamMaskGenerator(SamModel.load(SamExport.read(exportDir), threads), settings);
    }

    @Override
    public String name() {
        return "sam";
    }

    @Override
    public MaskSet generate(byte[] rgb, int width, int height) {
        int rw = model.resizedWidth(width, height);
        int rh = model.resizedHeight(width, height);
        float[][][] batches = pointBatches(rw, rh);
        List<MaskCandidate> candidates = new ArrayList<>();
        int side = model.export().maskSize();
        for (SamModel.Prediction p : model.predict(rgb, width, height, batches)) {
            for (int i = 0; i < p.iou().length; i++) {
                for (int k = 0; k < p.iou()[i].length; k++) {
                    float[] logits = p.logits()[i][k];
                    if (p.iou()[i][k] < settings.predIouThresh()
                            || MaskCandidate.stability(logits, settings.stabilityOffset())
                            < settings.stabilityThresh()) {
                        continue;
                    }
                    MaskCandidate c = MaskCandidate.of(logits, side, p.iou()[i][k]);
                    if (c != null) {
                        candidates.add(c);
                    }
                }
            }
        }
        double scale = (double) side / model.export().imageSize();
        List<BitSet> masks = new ArrayList<>();
        for (MaskCandidate c : MaskCandidate.nonMaximumSuppression(candidates, settings.boxNmsThresh())) {
            BitSet lr = LrPooling.toLr(c.mask(), side, rw * scale, rh * scale, width, height,
                    settings.lrThreshold());
            if (!lr.isEmpty()) {
                masks.add(lr);
            }
        }
        return new MaskSet(width, height, masks);
    }

    /** Prompt points in encoder-input pixels, centred in the cells of a grid over the resized image. */
    private float[][][] pointBatches(int rw, int rh) {
        int n = settings.pointsPerSide();
        List<float[]> points = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                points.add(new float[] {(i + 0.5f) * rw / n, (j + 0.5f) * rh / n});
            }
        }
        int per = settings.pointsPerBatch();
        float[][][] batches = new float[(points.size() + per - 1) / per][][];
        for (int b = 0; b < batches.length; b++) {
            batches[b] = points.subList(b * per, Math.min(points.size(), (b + 1) * per)).toArray(new float[0][]);
        }
        return batches;
    }

    @Override
    public void close() {
        model.close();
    }
}
