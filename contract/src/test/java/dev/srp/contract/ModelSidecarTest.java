package dev.srp.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelSidecarTest {
    @TempDir
    Path dir;

    private Path writeModel(String extra, boolean rightHash) throws IOException {
        Path pt = dir.resolve("m.pt");
        Files.write(pt, new byte[] {1, 2, 3});
        String sha = rightHash ? ModelSidecar.sha256(pt) : "00";
        Files.writeString(dir.resolve("m.properties"), "format=1\nname=m\nversion=1\nscale=4\nlayout=NCHW\n"
                + "channels=3\ncolour_order=RGB\nvalue_min=0\nvalue_max=1\ninputs=lr\nsha256=" + sha + "\n" + extra);
        return pt;
    }

    @Test
    void readsAValidSidecar() throws IOException {
        ModelSidecar s = ModelSidecar.readAndVerify(writeModel("", true));
        assertEquals(4, s.scale());
        assertEquals("m", s.name());
    }

    @Test
    void refusesHashMismatchNamingTheFile() throws IOException {
        Path pt = writeModel("", false);
        SrpException e = assertThrows(SrpException.class, () -> ModelSidecar.readAndVerify(pt));
        assertTrue(e.getMessage().contains("m.pt") && e.getMessage().contains("does not match"), e.getMessage());
    }

    @Test
    void refusesMissingFilesAndBadFields() throws IOException {
        assertThrows(SrpException.class, () -> ModelSidecar.readAndVerify(dir.resolve("absent.pt")));
        Path pt = writeModel("", true);
        Files.writeString(dir.resolve("m.properties"),
                Files.readString(dir.resolve("m.properties")).replace("layout=NCHW", "layout=NHWC"));
        SrpException e = assertThrows(SrpException.class, () -> ModelSidecar.readAndVerify(pt));
        assertTrue(e.getMessage().contains("layout"), e.getMessage());
        Files.delete(dir.resolve("m.properties"));
        assertThrows(SrpException.class, () -> ModelSidecar.readAndVerify(pt));
    }
}
