package dev.srp.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srp.contract.ModelSidecar;
import dev.srp.contract.SrpException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real DJL loader on the shipped interim models, and its refusals. */
class DjlUpscalerIT {
    @TempDir
    Path dir;

    @Test
    void upscalesABatchOnTheCpu() {
        try (DjlUpscaler up = DjlUpscaler.load(TestFrames.MODEL_X2, 2, 1)) {
            assertEquals("bicubic-x2-interim", up.name());
            assertEquals(2, up.scale());
            assertEquals("cpu", up.device());
            List<byte[]> out = up.upscale(List.of(TestFrames.flat(8, 6, 10, 20, 30), TestFrames.flat(8, 6, 250, 0, 5)),
                    8, 6).stream().map(UpscaledFrame::rgb).toList();
            assertEquals(2, out.size());
            assertEquals(16 * 12 * 3, out.get(0).length);
            assertEquals(250, out.get(1)[0] & 0xff, "frames keep their order within the batch");
            assertEquals(20, out.get(0)[16 * 12 * 3 - 2] & 0xff);
        }
    }

    @Test
    void refusesAMissingModel() {
        SrpException e = assertThrows(SrpException.class,
                () -> DjlUpscaler.load(dir.resolve("nothing.pt"), 4, 1));
        assertTrue(e.getMessage().contains("nothing.pt") && e.getMessage().contains("does not exist"), e.getMessage());
        assertTrue(e.hint() != null && !e.hint().isBlank());
    }

    @Test
    void refusesAModelThatDoesNotMatchItsSidecar() throws IOException {
        Path pt = copyModel(TestFrames.MODEL_X4);
        Files.write(pt, new byte[] {0}, StandardOpenOption.APPEND);
        SrpException e = assertThrows(SrpException.class, () -> DjlUpscaler.load(pt, 4, 1));
        assertTrue(e.getMessage().contains("does not match its sidecar"), e.getMessage());
    }

    @Test
    void refusesAScaleMismatch() {
        SrpException e = assertThrows(SrpException.class, () -> DjlUpscaler.load(TestFrames.MODEL_X4, 2, 1));
        assertTrue(e.getMessage().contains("x4") && e.getMessage().contains("x2"), e.getMessage());
        assertTrue(e.hint().contains("x2"), e.hint());
    }

    @Test
    void refusesAFileThatIsNotTorchScript() throws IOException {
        Path pt = copyModel(TestFrames.MODEL_X4);
        Files.writeString(pt, "not torchscript");
        Path sidecar = ModelSidecar.sidecarOf(pt);
        Files.writeString(sidecar, Files.readString(sidecar).replaceAll("sha256=\\w+", "sha256="
                + ModelSidecar.sha256(pt)), StandardCharsets.ISO_8859_1);
        SrpException e = assertThrows(SrpException.class, () -> DjlUpscaler.load(pt, 4, 1));
        assertTrue(e.getMessage().startsWith("cannot load model"), e.getMessage());
    }

    private Path copyModel(Path model) throws IOException {
        Path pt = dir.resolve(model.getFileName());
        Files.copy(model, pt);
        Files.copy(ModelSidecar.sidecarOf(model), ModelSidecar.sidecarOf(pt));
        return pt;
    }
}
