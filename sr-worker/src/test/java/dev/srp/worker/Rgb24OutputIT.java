package dev.srp.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The Java output conversion gives, byte for byte, what the tensor ops it replaced gave
 * ({@code mul(255).clip(0,255).round().toType(uint8).transpose(NHWC)}), out-of-range values and exact halves
 * (round half to even) included.
 */
class Rgb24OutputIT {
    @Test
    void matchesTheTensorOps() throws Exception {
        int n = 2;
        int w = 7;
        int h = 5;
        float[] values = new float[n * 3 * w * h];
        Random random = new Random(11);
        for (int i = 0; i < values.length; i++) {
            values[i] = switch (i % 5) {
                case 0 -> (random.nextInt(256) + 0.5f) / 255f; // halves, as near as float gets
                case 1 -> random.nextFloat() * 1.4f - 0.2f; // some out of [0,1]
                default -> random.nextFloat();
            };
        }
        values[0] = 0.5f / 255f;
        values[1] = 2.5f / 255f;
        values[2] = Float.POSITIVE_INFINITY;
        values[3] = Float.NEGATIVE_INFINITY;
        try (Model model = TorchScriptLoader.load(TestFrames.MODEL_X2, "rgb24", 1);
             NDManager m = model.getNDManager().newSubManager()) {
            NDArray hr = m.create(values, new Shape(n, 3, h, w));
            byte[] expected = hr.mul(255f).clip(0f, 255f).round().toType(DataType.UINT8, false)
                    .transpose(0, 2, 3, 1).toByteArray();
            FloatBuffer nchw = hr.toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer();
            byte[] actual = new byte[expected.length];
            for (int i = 0; i < n; i++) {
                byte[] frame = Rgb24Output.frame(nchw, i * 3 * w * h, w, h).rgb();
                System.arraycopy(frame, 0, actual, i * frame.length, frame.length);
            }
            assertArrayEquals(expected, actual);
        }
    }
}
