package dev.srp.worker.masks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Properties;

/** The golden files model/make_parity_goldens.py writes with Debian's torch 1.13, for the Java parity tests. */
public final class Goldens {
    public static final Path DIR = Path.of("src", "test", "resources", "samsr-parity");
    public static final Path MODEL = DIR.resolve("samsr-fast-x4-random-test.pt");

    public final int height;
    public final int width;
    public final int masks;
    public final int channels;
    public final int scale;

    private Goldens(Properties p) {
        height = Integer.parseInt(p.getProperty("height"));
        width = Integer.parseInt(p.getProperty("width"));
        masks = Integer.parseInt(p.getProperty("masks"));
        channels = Integer.parseInt(p.getProperty("channels"));
        scale = Integer.parseInt(p.getProperty("scale"));
    }

    public static Goldens load() throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(DIR.resolve("golden.properties"))) {
            p.load(in);
        }
        return new Goldens(p);
    }

    public static float[] floats(String file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(DIR.resolve(file))).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[b.remaining() / 4];
        b.asFloatBuffer().get(out);
        return out;
    }

    public MaskSet maskSet() throws IOException {
        byte[] raw = Files.readAllBytes(DIR.resolve("masks.u8"));
        List<BitSet> sets = new ArrayList<>();
        int hw = height * width;
        for (int m = 0; m < masks; m++) {
            BitSet s = new BitSet(hw);
            for (int p = 0; p < hw; p++) {
                if (raw[m * hw + p] != 0) {
                    s.set(p);
                }
            }
            sets.add(s);
        }
        return new MaskSet(width, height, sets);
    }
}
