package dev.srp.egress;

import dev.srp.contract.SrpException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * One stream's frames that arrived before their turn, kept as their serialised (already compressed) record bytes
 * and decoded only when they are next. When the shared {@link BufferBudget} is spent, further frames go to files
 * in a directory of their own under the spill directory and are read back when their turn comes.
 */
final class ReorderBuffer implements AutoCloseable {
    enum Offer { BUFFERED, SPILLED, DUPLICATE }

    private final Path spillRoot;
    private final BufferBudget budget;
    private final TreeMap<Long, byte[]> inMemory = new TreeMap<>();
    private final TreeMap<Long, Path> spilled = new TreeMap<>();
    private Path spillDir;
    private long nextIndex;
    private long bytesInMemory;

    ReorderBuffer(Path spillRoot, BufferBudget budget) {
        this.spillRoot = spillRoot;
        this.budget = budget;
    }

    /** The index of the next frame to write: every frame before it has been taken. */
    long nextIndex() {
        return nextIndex;
    }

    /** Whether {@code index} was taken already or is waiting here. */
    boolean contains(long index) {
        return index < nextIndex || inMemory.containsKey(index) || spilled.containsKey(index);
    }

    Offer offer(long index, byte[] serialized) {
        if (index < 0) {
            throw new IllegalArgumentException("frame index must be >= 0, got " + index);
        }
        if (contains(index)) {
            return Offer.DUPLICATE;
        }
        if (budget.tryReserve(serialized.length)) {
            inMemory.put(index, serialized);
            bytesInMemory += serialized.length;
            return Offer.BUFFERED;
        }
        spilled.put(index, spill(index, serialized));
        return Offer.SPILLED;
    }

    /** The bytes of frame {@link #nextIndex()} if it is here; taking it moves the next index on. */
    Optional<byte[]> pollNext() {
        byte[] bytes = inMemory.remove(nextIndex);
        if (bytes != null) {
            bytesInMemory -= bytes.length;
            budget.release(bytes.length);
        } else {
            Path file = spilled.remove(nextIndex);
            if (file == null) {
                return Optional.empty();
            }
            bytes = readBack(file);
        }
        nextIndex++;
        return Optional.of(bytes);
    }

    /** Records that frame {@code index}, which is the next one, was written without passing through here. */
    void skipNext(long index) {
        if (index != nextIndex || contains(index)) {
            throw new IllegalStateException("frame " + index + " is not the next frame (" + nextIndex + ")");
        }
        nextIndex++;
    }

    /** The lowest index waiting here, or -1 when none waits. */
    long firstWaiting() {
        long memory = inMemory.isEmpty() ? Long.MAX_VALUE : inMemory.firstKey();
        long disk = spilled.isEmpty() ? Long.MAX_VALUE : spilled.firstKey();
        long first = Math.min(memory, disk);
        return first == Long.MAX_VALUE ? -1 : first;
    }

    /** Gives up on frames {@link #nextIndex()} to {@code index - 1}, none of which is here; returns how many. */
    long skipTo(long index) {
        long first = firstWaiting();
        if (index < nextIndex || (first >= 0 && index > first)) {
            throw new IllegalArgumentException("cannot skip from " + nextIndex + " to " + index
                    + " with frame " + first + " waiting");
        }
        long skipped = index - nextIndex;
        nextIndex = index;
        return skipped;
    }

    int size() {
        return inMemory.size() + spilled.size();
    }

    long bytesInMemory() {
        return bytesInMemory;
    }

    int spilledCount() {
        return spilled.size();
    }

    /** Gives the memory back to the budget and deletes spilled files. */
    @Override
    public void close() {
        budget.release(bytesInMemory);
        bytesInMemory = 0;
        inMemory.clear();
        spilled.clear();
        if (spillDir != null) {
            try (Stream<Path> files = Files.walk(spillDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException | UncheckedIOException e) {
                // a leftover spill file wastes disk but cannot corrupt an output
            }
            spillDir = null;
        }
    }

    private Path spill(long index, byte[] serialized) {
        try {
            if (spillDir == null) {
                spillDir = Files.createTempDirectory(spillRoot, "stream-");
            }
            Path file = spillDir.resolve(index + ".frame");
            Files.write(file, serialized);
            return file;
        } catch (IOException e) {
            throw new SrpException("cannot spill an out-of-order frame to " + spillRoot + ": " + e,
                    "free disk space in the spill directory or raise maxBufferedBytes", e);
        }
    }

    private byte[] readBack(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            Files.delete(file);
            return bytes;
        } catch (IOException e) {
            throw new SrpException("cannot read spilled frame " + file + ": " + e,
                    "do not clean the spill directory while egress runs", e);
        }
    }
}
