package dev.srp.pipeline;

import dev.srp.contract.SrpException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * The working directory of one run (embedded broker, worker state, spilled frames), under one srp-owned root,
 * {@code java.io.tmpdir/srp-USER}. A run holds a lock on its directory for as long as its process lives, and
 * lists the hidden staging files it writes beside the user's output. Removed on a normal exit, on an error and on
 * SIGINT/SIGTERM (a shutdown hook); a run killed outright (SIGKILL, power loss) cannot clean up, so every new run
 * first removes the directories whose lock nobody holds, and their staging files.
 */
public final class RunDirectory implements AutoCloseable {
    private static final String PREFIX = "run-";
    private static final String LOCK = "lock";
    private static final String OUTPUTS = "outputs";
    /** A directory without its lock file yet may belong to a run that is still creating it. */
    private static final Duration CREATION_GRACE = Duration.ofSeconds(60);
    /** Egress encodes into OUTPUT.part before renaming it to OUTPUT. */
    private static final String PART_SUFFIX = ".part";

    private final Path dir;
    private final FileChannel lockChannel;
    private final List<Path> outputs = new CopyOnWriteArrayList<>();
    private final Thread cleanupOnExit;

    private RunDirectory(Path dir, FileChannel lockChannel) {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.cleanupOnExit = new Thread(this::deleteEverything, "srp-run-cleanup");
    }

    /** The root all runs of this user share. */
    public static Path root() {
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
        return Path.of(System.getProperty("java.io.tmpdir")).resolve("srp-" + user);
    }

    /** Removes what killed runs left, then makes and locks this run's directory. */
    public static RunDirectory create() {
        Path root = root();
        try {
            createPrivateDirectory(root);
            sweep(root);
            Path dir = Files.createTempDirectory(root, PREFIX);
            FileChannel channel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            if (channel.tryLock() == null) {
                channel.close();
                throw new IOException("cannot lock " + dir.resolve(LOCK));
            }
            RunDirectory run = new RunDirectory(dir, channel);
            Runtime.getRuntime().addShutdownHook(run.cleanupOnExit);
            return run;
        } catch (IOException | RuntimeException e) {
            throw new SrpException("cannot create a working directory under " + root + ": " + e.getMessage(),
                    "check that java.io.tmpdir (" + root.getParent() + ") is writable and has space", e);
        }
    }

    public Path path() {
        return dir;
    }

    public Path resolve(String name) {
        return dir.resolve(name);
    }

    /**
     * Records a file this run writes outside its directory (a staging file beside the output), so that it goes
     * with the run however the run ends. Recorded on disk before it exists, for the run after a kill.
     */
    void registerOutput(Path staging) {
        Path absolute = staging.toAbsolutePath();
        try {
            Files.writeString(dir.resolve(OUTPUTS), absolute + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new SrpException("cannot write in the working directory " + dir + ": " + e.getMessage(),
                    "check that java.io.tmpdir is writable and has space", e);
        }
        outputs.add(absolute);
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
        } catch (IllegalStateException e) {
            // the JVM is shutting down and the hook runs anyway
        }
        deleteEverything();
    }

    private void deleteEverything() {
        for (Path output : outputs) {
            deleteStaged(output);
        }
        try {
            lockChannel.close();
        } catch (IOException e) {
            // the lock goes with the process anyway
        }
        // twice: a service still shutting down may have created a file in a directory being removed
        deleteTree(dir);
        deleteTree(dir);
    }

    /** Removes every run directory whose owner is gone, with the staging files it listed. */
    private static void sweep(Path root) throws IOException {
        try (DirectoryStream<Path> runs = Files.newDirectoryStream(root, PREFIX + "*")) {
            for (Path run : runs) {
                if (Files.isDirectory(run) && ownerIsGone(run)) {
                    for (String line : readOutputs(run)) {
                        deleteStaged(Path.of(line));
                    }
                    deleteTree(run);
                }
            }
        }
    }

    private static boolean ownerIsGone(Path run) {
        Path lockFile = run.resolve(LOCK);
        if (!Files.exists(lockFile)) {
            return modifiedBefore(run, Instant.now().minus(CREATION_GRACE));
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return false;
            }
            lock.release();
            return true;
        } catch (OverlappingFileLockException e) {
            return false; // a run in this JVM holds it
        } catch (IOException e) {
            return false; // not ours to judge: leave it
        }
    }

    private static boolean modifiedBefore(Path path, Instant limit) {
        try {
            FileTime time = Files.getLastModifiedTime(path);
            return time.toInstant().isBefore(limit);
        } catch (IOException e) {
            return false;
        }
    }

    private static List<String> readOutputs(Path run) {
        try {
            return Files.readAllLines(run.resolve(OUTPUTS), StandardCharsets.UTF_8).stream()
                    .filter(line -> !line.isBlank()).toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static void deleteStaged(Path staging) {
        try {
            Files.deleteIfExists(staging);
            Files.deleteIfExists(Path.of(staging + PART_SUFFIX));
        } catch (IOException e) {
            // best effort: a hidden leftover does not look like a finished output
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // best effort: the next run sweeps what is left
        }
    }

    private static void createPrivateDirectory(Path root) throws IOException {
        if (Files.isDirectory(root)) {
            return;
        }
        try {
            Files.createDirectories(root.getParent());
            Files.createDirectory(root,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException e) {
            // another run made it first
        } catch (UnsupportedOperationException e) {
            Files.createDirectories(root); // not a POSIX file system
        }
    }
}
