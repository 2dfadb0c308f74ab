package dev.srp.worker;

import ai.djl.pytorch.jni.LibUtils;
import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which CPU convolution kernels libtorch uses, process-wide: its fast ones (oneDNN, also called mkldnn) or its
 * reference ones (ATen's im2col + GEMM), through the switches Python sets with {@code torch.backends.mkldnn.enabled}
 * and {@code torch.backends.nnpack.enabled}. NNPACK stays off throughout: libtorch tries it for convolutions too
 * small for oneDNN, where it gains little, it is one more optimised path nobody checks, and where the CPU lacks it
 * libtorch logs a warning at every such call.
 *
 * <p>DJL has no binding for these switches, so they are called through JNA by their exported C++ symbols:
 * {@code at::globalContext()} and {@code at::Context} member functions, which take the context as their first
 * argument (Itanium C++ ABI, Linux and macOS). libtorch reads the switches at every convolution.
 */
final class CpuKernels {
    private static final Logger LOG = LoggerFactory.getLogger(CpuKernels.class);

    private final Pointer context;
    private final Function oneDnnEnabled;
    private final Function setOneDnn;
    private final Function setNnpack;

    private CpuKernels(NativeLibrary torch) {
        this.context = torch.getFunction("_ZN2at13globalContextEv").invokePointer(new Object[0]);
        this.oneDnnEnabled = torch.getFunction("_ZNK2at7Context17userEnabledMkldnnEv");
        this.setOneDnn = torch.getFunction("_ZN2at7Context20setUserEnabledMkldnnEb");
        this.setNnpack = torch.getFunction("_ZN2at7Context20setUserEnabledNNPACKEb");
    }

    /**
     * The switches of the libtorch DJL has loaded; empty, with the reason logged, where its library or symbols are
     * not found (another platform or libtorch build).
     */
    static Optional<CpuKernels> ofLoadedEngine() {
        try {
            Path library = Path.of(LibUtils.getLibtorchPath()).resolve(System.mapLibraryName("torch_cpu"));
            return Optional.of(new CpuKernels(NativeLibrary.getInstance(library.toString())));
        } catch (RuntimeException | LinkageError e) {
            LOG.info("libtorch's kernel switches are not reachable here ({}); its kernels stay as libtorch chose",
                    e.toString());
            return Optional.empty();
        }
    }

    /** Whether the fast (oneDNN) kernels are on. */
    boolean fast() {
        return bool(oneDnnEnabled);
    }

    void useFast() {
        setOneDnn.invokeVoid(new Object[] {context, true});
        withoutNnpack();
    }

    void useReference() {
        setOneDnn.invokeVoid(new Object[] {context, false});
        withoutNnpack();
    }

    void withoutNnpack() {
        setNnpack.invokeVoid(new Object[] {context, false});
    }

    private boolean bool(Function getter) {
        // a C++ bool comes back in the low byte of the return register; the rest is not defined
        return (getter.invokeInt(new Object[] {context}) & 0xff) != 0;
    }
}
