package dev.srp.testsupport;

/**
 * Writes a frame's index into its top-left corner as a row of black and white cells, and reads it back after
 * scaling and lossy encoding. Used by tests to prove every frame came out exactly once and in order.
 * Layout: one white guard cell, one black guard cell, then {@link #BITS} data bits, most significant first.
 */
public final class FrameIndexPattern {
    public static final int BITS = 12;
    public static final int CELL = 8;
    public static final int CELLS = BITS + 2;

    private FrameIndexPattern() {
    }

    public static int minWidth() {
        return CELLS * CELL;
    }

    /** Paints {@code index} (mod 2^BITS) into the first CELL rows of a packed RGB24 image. */
    public static void paint(byte[] rgb, int width, int index) {
        for (int c = 0; c < CELLS; c++) {
            boolean white = c == 0 || (c >= 2 && ((index >> (BITS - 1 - (c - 2))) & 1) == 1);
            byte v = (byte) (white ? 255 : 0);
            for (int y = 0; y < CELL; y++) {
                for (int x = c * CELL; x < (c + 1) * CELL; x++) {
                    int p = (y * width + x) * 3;
                    rgb[p] = v;
                    rgb[p + 1] = v;
                    rgb[p + 2] = v;
                }
            }
        }
    }

    /**
     * Reads the index from an image that may have been scaled by {@code scale}; returns -1 if the guard cells are
     * not white and black (the pattern is missing or destroyed).
     */
    public static int read(byte[] rgb, int width, int scale) {
        int cell = CELL * scale;
        int value = 0;
        for (int c = 0; c < CELLS; c++) {
            int cx = c * cell + cell / 2;
            int cy = cell / 2;
            int p = (cy * width + cx) * 3;
            int luma = ((rgb[p] & 0xff) + (rgb[p + 1] & 0xff) + (rgb[p + 2] & 0xff)) / 3;
            boolean white = luma >= 128;
            if (c == 0 && !white || c == 1 && white) {
                return -1;
            }
            if (c >= 2) {
                value = (value << 1) | (white ? 1 : 0);
            }
        }
        return value;
    }
}
