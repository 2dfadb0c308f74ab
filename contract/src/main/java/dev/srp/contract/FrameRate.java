package dev.srp.contract;

/** A frame rate as an exact rational, so 30000/1001 survives the trip through Kafka unrounded. */
public record FrameRate(int numerator, int denominator) {
    public FrameRate {
        if (numerator <= 0 || denominator <= 0) {
            throw new IllegalArgumentException("frame rate must be positive, got " + numerator + "/" + denominator);
        }
    }

    /** Length of one frame in microseconds, rounded. */
    public long frameMicros() {
        return Math.round(1e6 * denominator / numerator);
    }

    public double fps() {
        return (double) numerator / denominator;
    }

    /** Nearest rational with a small denominator; NTSC rates (x/1.001) map to their exact form. */
    public static FrameRate fromDouble(double fps) {
        if (!(fps > 0) || Double.isInfinite(fps)) {
            throw new IllegalArgumentException("frame rate must be positive, got " + fps);
        }
        double ntsc = fps * 1.001;
        if (Math.abs(ntsc - Math.rint(ntsc)) < 1e-3 && Math.abs(fps - Math.rint(fps)) > 1e-3) {
            return new FrameRate((int) Math.rint(ntsc) * 1000, 1001);
        }
        if (Math.abs(fps - Math.rint(fps)) < 1e-6) {
            return new FrameRate((int) Math.rint(fps), 1);
        }
        return new FrameRate((int) Math.rint(fps * 1000), 1000);
    }

    @Override
    public String toString() {
        return numerator + "/" + denominator;
    }
}
