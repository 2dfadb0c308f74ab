package dev.srp.worker;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** A TorchScript model loaded through DJL once for a test class (x4, two inference threads) and closed after it. */
final class LoadedModel implements BeforeAllCallback, AfterAllCallback {
    private final Path file;
    private DjlUpscaler model;

    private LoadedModel(Path file) {
        this.file = file;
    }

    static LoadedModel of(Path file) {
        return new LoadedModel(file);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        model = DjlUpscaler.load(file, 4, 2);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        model.close();
    }

    DjlUpscaler get() {
        return model;
    }
}
