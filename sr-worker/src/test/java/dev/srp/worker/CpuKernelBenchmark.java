package dev.srp.worker;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoopTranslator;
import dev.srp.contract.ModelSidecar;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What libtorch's two sets of CPU convolution kernels cost and compute, side by side in one process: each SAMSR
 * model given on the command line runs forward at 320x180 on random inputs, rounds alternating between the fast
 * (oneDNN) and the reference kernels; prints the median ms per frame of each (fast: of ROUNDS rounds, reference:
 * of 3), their ratio, and how far the fast kernels' output is from the reference's. A benchmark, not a test:
 * <pre>
 * mvn -q -pl sr-worker test-compile
 * java -cp "sr-worker/target/test-classes:sr-worker/target/classes:launcher/target/lib/*" \
 *     dev.srp.worker.CpuKernelBenchmark 9 models/samsr-fast-x4.pt models/samsr-quality-x4.pt
 * </pre>
 * Run it again with {@code ONEDNN_MAX_CPU_ISA=SSE41} in the environment to measure oneDNN limited to SSE4.1.
 */
public final class CpuKernelBenchmark {
    private static final int W = 320;
    private static final int H = 180;
    /** The reference kernels are slow and steady: a few rounds tell. */
    private static final int REFERENCE_ROUNDS = 3;

    private CpuKernelBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("ai.djl.pytorch.num_threads", System.getProperty("threads", "2"));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        List<Path> files = Arrays.stream(args, 1, args.length).map(Path::of).toList();
        List<Model> models = new ArrayList<>();
        List<Predictor<NDList, NDList>> predictors = new ArrayList<>();
        List<Boolean> lrOnly = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            for (Path file : files) {
                Model model = TorchScriptLoader.load(file, "bench", 2);
                models.add(model);
                predictors.add(model.newPredictor(new NoopTranslator(null)));
                lrOnly.add(ModelSidecar.readAndVerify(file).inputs().size() == 1);
            }
            CpuKernels kernels = CpuKernels.ofLoadedEngine().orElseThrow();
            manager.getEngine().setRandomSeed(7);
            NDList samsrInputs = new NDList(manager.randomUniform(0f, 1f, new Shape(1, 3, H, W)),
                    manager.randomUniform(0f, 1f, new Shape(1, 1, H, W)),
                    manager.randomNormal(new Shape(1, 48, H, W)));
            NDList lrInput = new NDList(samsrInputs.get(0));
            int n = files.size();
            List<List<Double>> fast = new ArrayList<>();
            List<List<Double>> reference = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                fast.add(new ArrayList<>());
                reference.add(new ArrayList<>());
            }
            String[] difference = new String[n];
            // models interleaved in every round, so a busy moment of the machine hits them alike; the fast kernels
            // first, alone, since a reference call (10-20x longer) leaves the caches and threads cold behind it
            kernels.useFast();
            for (int round = -2; round < rounds; round++) {
                for (int i = 0; i < n; i++) {
                    double f = time(predictors.get(i), lrOnly.get(i) ? lrInput : samsrInputs);
                    if (round >= 0) {
                        fast.get(i).add(f);
                    }
                }
            }
            for (int i = 0; i < n; i++) {
                float[] fastOut = output(predictors.get(i), lrOnly.get(i) ? lrInput : samsrInputs);
                kernels.useReference();
                float[] referenceOut = output(predictors.get(i), lrOnly.get(i) ? lrInput : samsrInputs);
                kernels.useFast();
                difference[i] = difference(fastOut, referenceOut);
            }
            kernels.useReference();
            for (int round = 0; round < REFERENCE_ROUNDS; round++) {
                for (int i = 0; i < n; i++) {
                    reference.get(i).add(time(predictors.get(i), lrOnly.get(i) ? lrInput : samsrInputs));
                }
            }
            kernels.useFast();
            System.out.printf(Locale.ROOT, "%-30s %9s %14s %8s %24s%n", "model (320x180; medians)",
                    "fast ms", "reference ms", "ratio", "fast vs reference");
            for (int i = 0; i < n; i++) {
                double mf = median(fast.get(i));
                double mr = median(reference.get(i));
                System.out.printf(Locale.ROOT, "%-30s %9.1f %14.1f %7.2fx %24s%n", files.get(i).getFileName(), mf, mr,
                        mr / mf, difference[i]);
            }
        } finally {
            predictors.forEach(Predictor::close);
            models.forEach(Model::close);
        }
    }

    private static double time(Predictor<NDList, NDList> predictor, NDList inputs) throws Exception {
        long start = System.nanoTime();
        predictor.predict(inputs).close();
        return (System.nanoTime() - start) / 1e6;
    }

    private static float[] output(Predictor<NDList, NDList> predictor, NDList inputs) throws Exception {
        try (NDList out = predictor.predict(inputs)) {
            NDArray hr = out.head();
            return hr.toFloatArray();
        }
    }

    /** The largest difference in 8-bit steps, and how many values differ by more than one. */
    private static String difference(float[] a, float[] b) {
        int max = 0;
        long off = 0;
        for (int i = 0; i < a.length; i++) {
            int d = Math.abs((Rgb24Output.toByte(a[i]) & 0xff) - (Rgb24Output.toByte(b[i]) & 0xff));
            max = Math.max(max, d);
            off += d > 1 ? 1 : 0;
        }
        return String.format(Locale.ROOT, "max %d steps, %.1f%% >1", max, 100.0 * off / a.length);
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
