package dev.srp.worker;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.rocksdb.RocksDB;
import org.rocksdb.util.Environment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads RocksDB's native library (the mask store's engine) from one copy per rocksdbjni version under
 * {@code java.io.tmpdir/srp-USER/lib}. RocksDB's own loader extracts its 15 MB library into a new temporary file on
 * every start and deletes it only at a normal JVM exit, so each killed worker left one behind.
 */
final class RocksDbLibrary {
    private static final Logger LOG = LoggerFactory.getLogger(RocksDbLibrary.class);
    private static boolean loaded;

    private RocksDbLibrary() {
    }

    /** Loads the library once per JVM; falls back to RocksDB's own loader if the shared copy cannot be used. */
    static synchronized void load() {
        if (loaded) {
            return;
        }
        URL resource = RocksDB.class.getClassLoader().getResource(Environment.getJniLibraryFileName("rocksdb"));
        try {
            if (resource != null) {
                // the name RocksDB.loadLibrary(paths) looks for, which differs from the resource's in the jar
                Path dir = copyOnce(resource, Environment.getJniLibraryFileName("rocksdbjni"));
                RocksDB.loadLibrary(List.of(dir.toString()));
                loaded = true;
                return;
            }
        } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
            LOG.debug("cannot load RocksDB from a shared copy, extracting it instead: {}", e.toString());
        }
        RocksDB.loadLibrary();
        loaded = true;
    }

    /** The directory holding {@code name} from {@code resource}, copied there unless an identical copy is. */
    static Path copyOnce(URL resource, String name) throws IOException {
        URLConnection connection = resource.openConnection();
        long size = connection.getContentLengthLong();
        Path dir = libraryRoot().resolve(version(resource) + "-" + size);
        Path library = dir.resolve(name);
        if (Files.isRegularFile(library) && Files.size(library) == size) {
            return dir;
        }
        Files.createDirectories(dir);
        Path partial = Files.createTempFile(dir, name, ".part");
        try {
            try (InputStream in = connection.getInputStream()) {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            }
            try {
                // another process copying at the same moment writes the same bytes: whichever rename wins is fine
                Files.move(partial, library, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, library, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(partial);
        }
        return dir;
    }

    static Path libraryRoot() {
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
        return Path.of(System.getProperty("java.io.tmpdir")).resolve("srp-" + user).resolve("lib");
    }

    /** The jar's file name without ".jar" (e.g. "rocksdbjni-10.1.3"), or "rocksdbjni" outside a jar. */
    private static String version(URL resource) {
        String url = resource.toString();
        int bang = url.indexOf("!/");
        if (!url.startsWith("jar:") || bang < 0) {
            return "rocksdbjni";
        }
        String jar = url.substring(url.lastIndexOf('/', bang) + 1, bang);
        return jar.endsWith(".jar") ? jar.substring(0, jar.length() - 4) : jar;
    }
}
