package dev.srp.worker;

import dev.srp.worker.masks.MaskGenerator;
import dev.srp.worker.masks.MaskSet;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test stand-in for a real segmenter, so the cache tests do not depend on what the built-in generator finds: the
 * whole frame, its left and right halves and its four quadrants (7 overlapping masks, W varies), plus one mask of
 * the pixels brighter than mid-grey so masks from different frames differ. Counts its calls across instances.
 */
final class GridTestMaskGenerator implements MaskGenerator {
    private final AtomicInteger calls;

    GridTestMaskGenerator(AtomicInteger calls) {
        this.calls = calls;
    }

    @Override
    public String name() {
        return "grid-test";
    }

    @Override
    public MaskSet generate(byte[] rgb, int width, int height) {
        calls.incrementAndGet();
        List<BitSet> masks = new ArrayList<>();
        masks.add(rect(width, 0, 0, width, height));
        masks.add(rect(width, 0, 0, width / 2, height));
        masks.add(rect(width, width / 2, 0, width, height));
        for (int qy = 0; qy < 2; qy++) {
            for (int qx = 0; qx < 2; qx++) {
                masks.add(rect(width, qx * width / 2, qy * height / 2, (qx + 1) * width / 2, (qy + 1) * height / 2));
            }
        }
        BitSet bright = new BitSet(width * height);
        for (int i = 0; i < width * height; i++) {
            if ((rgb[3 * i] & 0xff) > 127) {
                bright.set(i);
            }
        }
        masks.add(bright);
        return new MaskSet(width, height, masks);
    }

    private static BitSet rect(int width, int x0, int y0, int x1, int y1) {
        BitSet b = new BitSet();
        for (int y = y0; y < y1; y++) {
            b.set(y * width + x0, y * width + x1);
        }
        return b;
    }
}
