package dev.srp.worker.masks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Prints the built-in generator's speed and output size on the sample clip (a benchmark that prints figures, not a
 * timed test). Single thread, after a JIT warm-up over the whole clip. From the repository root, after
 * {@code mvn -q -o -pl sr-worker -am test-compile}:
 * {@code java -cp <test classpath> dev.srp.worker.masks.MaskBenchmark [clip] [rounds]}.
 */
public final class MaskBenchmark {
    private MaskBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path clip = Path.of(args.length > 0 ? args[0] : "samples/city-320x180.mp4");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<byte[]> frames = SampleFrames.decodeAll(clip, 10_000);
        int w = 320;
        int h = 180;
        if (frames.get(0).length != w * h * 3) {
            throw new IllegalArgumentException(clip + " is not 320x180");
        }
        BuiltInMaskGenerator generator = new BuiltInMaskGenerator();
        for (byte[] f : frames) {
            generator.generate(f, w, h);
        }
        double[] ms = new double[frames.size() * rounds];
        int[] counts = new int[frames.size()];
        long[] bytes = new long[frames.size()];
        double encodeMs = 0;
        double decodeMs = 0;
        int t = 0;
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < frames.size(); i++) {
                long start = System.nanoTime();
                MaskSet set = generator.generate(frames.get(i), w, h);
                ms[t++] = (System.nanoTime() - start) / 1e6;
                if (round == 0) {
                    counts[i] = set.count();
                    long e0 = System.nanoTime();
                    byte[] encoded = set.encode();
                    long e1 = System.nanoTime();
                    MaskSet.decode(encoded);
                    encodeMs += (e1 - e0) / 1e6;
                    decodeMs += (System.nanoTime() - e1) / 1e6;
                    bytes[i] = encoded.length;
                }
            }
        }
        Arrays.sort(ms);
        System.out.printf("clip %s: %d frames x %d rounds, %dx%d, 1 thread%n", clip, frames.size(), rounds, w, h);
        System.out.printf("generate ms: median %.1f, p95 %.1f, max %.1f%n", ms[ms.length / 2],
                ms[(int) (ms.length * 0.95)], ms[ms.length - 1]);
        System.out.printf("masks per frame: mean %.1f, min %d, max %d%n", Arrays.stream(counts).average().orElse(0),
                Arrays.stream(counts).min().orElse(0), Arrays.stream(counts).max().orElse(0));
        System.out.printf("encoded bytes per mask set: mean %.0f, max %d (raw bitsets would be %d per mask)%n",
                Arrays.stream(bytes).average().orElse(0), Arrays.stream(bytes).max().orElse(0), w * h / 8);
        System.out.printf("encode ms per set %.2f, decode ms per set %.2f%n", encodeMs / frames.size(),
                decodeMs / frames.size());
    }
}
