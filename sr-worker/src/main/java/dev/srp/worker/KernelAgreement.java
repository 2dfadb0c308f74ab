package dev.srp.worker;

import java.util.List;
import java.util.Locale;

/**
 * How far two runs of the model on the same batch, one per set of kernels, are apart in 8-bit values. Correct
 * kernels differ only in float rounding, which moves a value by at most one step where it sits near a rounding
 * boundary; anything beyond that, or a non-finite output on one side only, is a disagreement.
 */
record KernelAgreement(long values, long offByMore, int maxDifference, boolean finiteOnBothSides) {
    static KernelAgreement of(List<UpscaledFrame> a, List<UpscaledFrame> b) {
        if (a.size() != b.size()) {
            throw new IllegalArgumentException("compared " + a.size() + " frames with " + b.size());
        }
        long values = 0;
        long offByMore = 0;
        int max = 0;
        boolean finite = true;
        for (int f = 0; f < a.size(); f++) {
            byte[] x = a.get(f).rgb();
            byte[] y = b.get(f).rgb();
            finite &= a.get(f).finite() == b.get(f).finite();
            for (int i = 0; i < x.length; i++) {
                int d = Math.abs((x[i] & 0xff) - (y[i] & 0xff));
                if (d > 1) {
                    offByMore++;
                }
                max = Math.max(max, d);
            }
            values += x.length;
        }
        return new KernelAgreement(values, offByMore, max, finite);
    }

    boolean agrees() {
        return offByMore == 0 && finiteOnBothSides;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d of %d 8-bit values differ by more than 1, by up to %d%s", offByMore,
                values, maxDifference, finiteOnBothSides ? "" : ", and only one side is finite");
    }
}
