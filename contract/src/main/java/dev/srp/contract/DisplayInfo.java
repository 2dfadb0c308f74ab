package dev.srp.contract;

/**
 * How a stream's pictures are to be shown and timed, beyond their pixels: what ingest reads from the source and
 * egress writes into the output, so a portrait phone clip stays portrait and a variable-frame-rate clip keeps its
 * timing. Colour codes are FFmpeg's ({@code AVColorPrimaries}, {@code AVColorTransferCharacteristic},
 * {@code AVColorSpace}); {@link #UNSPECIFIED} where the source does not say.
 *
 * @param rotationDegrees   the display matrix's rotation as FFmpeg reports it ({@code av_display_rotation_get}:
 *                          counter-clockwise degrees, -180 to 180), 0 for none
 * @param sarNum            sample (pixel) aspect ratio numerator; 1:1 for square pixels
 * @param sarDen            sample aspect ratio denominator
 * @param colorPrimaries    colour primaries code
 * @param colorTransfer     transfer characteristic code
 * @param colorMatrix       YUV matrix code
 * @param variableFrameRate whether frames come at varying intervals, so their timestamps must be kept rather than
 *                          laid on the frame rate's clock
 */
public record DisplayInfo(int rotationDegrees, int sarNum, int sarDen, int colorPrimaries, int colorTransfer,
                          int colorMatrix, boolean variableFrameRate) {
    /** FFmpeg's code for "not specified", the same for primaries, transfer and matrix. */
    public static final int UNSPECIFIED = 2;

    /** Square pixels, upright, no colour tags, constant frame rate: what a source without such metadata has. */
    public static final DisplayInfo NONE = new DisplayInfo(0, 1, 1, UNSPECIFIED, UNSPECIFIED, UNSPECIFIED, false);

    public DisplayInfo {
        if (rotationDegrees < -180 || rotationDegrees > 180) {
            throw new IllegalArgumentException("rotation must be between -180 and 180 degrees, got " + rotationDegrees);
        }
        if (sarNum <= 0 || sarDen <= 0) {
            throw new IllegalArgumentException("sample aspect ratio must be positive, got " + sarNum + ":" + sarDen);
        }
        for (int code : new int[] {colorPrimaries, colorTransfer, colorMatrix}) {
            if (code < 0 || code > 255) {
                throw new IllegalArgumentException("colour code out of range: " + code);
            }
        }
    }

    /**
     * Builds the info from what FFmpeg reports, normalising what it cannot express: a rotation rounded to whole
     * degrees (NaN, a matrix without one, is 0), an unknown or invalid aspect ratio as 1:1 (reduced otherwise), and
     * reserved or out-of-range colour codes as unspecified. An RGB matrix code (0) also becomes unspecified, since
     * srp's outputs are always YUV.
     */
    public static DisplayInfo of(double rotation, int sarNum, int sarDen, int primaries, int transfer, int matrix,
                                 boolean variableFrameRate) {
        int degrees = Double.isFinite(rotation) ? (int) Math.round(rotation) : 0;
        degrees = ((degrees % 360) + 360) % 360;
        if (degrees > 180) {
            degrees -= 360;
        }
        int num = 1;
        int den = 1;
        if (sarNum > 0 && sarDen > 0) {
            int g = gcd(sarNum, sarDen);
            num = sarNum / g;
            den = sarDen / g;
        }
        return new DisplayInfo(degrees, num, den, colour(primaries), colour(transfer), colour(matrix),
                variableFrameRate);
    }

    private static int colour(int code) {
        // 0 is "reserved" for primaries and transfer and RGB for the matrix; 3 is reserved for all three
        return code <= 0 || code == 3 || code > 255 ? UNSPECIFIED : code;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /** Whether the pixels are not square. */
    public boolean anamorphic() {
        return sarNum != sarDen;
    }

    /** This info with a different variable-frame-rate flag. */
    public DisplayInfo withVariableFrameRate(boolean variable) {
        return new DisplayInfo(rotationDegrees, sarNum, sarDen, colorPrimaries, colorTransfer, colorMatrix, variable);
    }

    @Override
    public String toString() {
        return "rotation " + rotationDegrees + ", SAR " + sarNum + ":" + sarDen + ", colour " + colorPrimaries + "/"
                + colorTransfer + "/" + colorMatrix + (variableFrameRate ? ", variable frame rate" : "");
    }
}
