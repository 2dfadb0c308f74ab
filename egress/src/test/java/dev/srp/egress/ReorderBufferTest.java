package dev.srp.egress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReorderBufferTest {
    @TempDir
    Path spill;

    private static byte[] bytesOf(long index, int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (index * 31 + i);
        }
        return b;
    }

    private static List<Long> drain(ReorderBuffer buffer, int size) {
        List<Long> out = new ArrayList<>();
        while (true) {
            long index = buffer.nextIndex();
            var next = buffer.pollNext();
            if (next.isEmpty()) {
                return out;
            }
            assertArrayEquals(bytesOf(index, size), next.get(), "bytes of frame " + index);
            out.add(index);
        }
    }

    @Test
    void releasesFramesInIndexOrderOnlyWhenTheGapIsFilled() {
        try (ReorderBuffer buffer = new ReorderBuffer(spill, new BufferBudget(1 << 20))) {
            for (long i : new long[] {3, 1, 4, 2}) {
                assertEquals(ReorderBuffer.Offer.BUFFERED, buffer.offer(i, bytesOf(i, 10)));
            }
            assertTrue(drain(buffer, 10).isEmpty(), "nothing may come out before frame 0");
            assertEquals(ReorderBuffer.Offer.BUFFERED, buffer.offer(0, bytesOf(0, 10)));
            assertEquals(List.of(0L, 1L, 2L, 3L, 4L), drain(buffer, 10));
            assertEquals(5, buffer.nextIndex());
            assertEquals(0, buffer.size());
            assertEquals(0, buffer.bytesInMemory());
        }
    }

    @Test
    void dropsDuplicatesOfBufferedAndOfAlreadyTakenFrames() {
        BufferBudget budget = new BufferBudget(1 << 20);
        try (ReorderBuffer buffer = new ReorderBuffer(spill, budget)) {
            buffer.offer(0, bytesOf(0, 10));
            buffer.offer(2, bytesOf(2, 10));
            assertEquals(ReorderBuffer.Offer.DUPLICATE, buffer.offer(2, bytesOf(2, 10)));
            assertEquals(List.of(0L), drain(buffer, 10));
            assertEquals(ReorderBuffer.Offer.DUPLICATE, buffer.offer(0, bytesOf(0, 10)), "already taken");
            buffer.skipNext(1);
            assertEquals(ReorderBuffer.Offer.DUPLICATE, buffer.offer(1, bytesOf(1, 10)), "written directly");
            assertEquals(List.of(2L), drain(buffer, 10));
            assertEquals(0, budget.usedBytes());
        }
    }

    @Test
    void spillsBeyondTheBudgetAndReadsSpilledFramesBack() throws IOException {
        BufferBudget budget = new BufferBudget(250);
        try (ReorderBuffer buffer = new ReorderBuffer(spill, budget)) {
            List<ReorderBuffer.Offer> offers = new ArrayList<>();
            for (long i = 9; i >= 1; i--) {
                offers.add(buffer.offer(i, bytesOf(i, 100)));
            }
            assertEquals(List.of(ReorderBuffer.Offer.BUFFERED, ReorderBuffer.Offer.BUFFERED),
                    offers.subList(0, 2), "two 100-byte frames fit in 250 bytes");
            assertTrue(offers.subList(2, 9).stream().allMatch(o -> o == ReorderBuffer.Offer.SPILLED), offers::toString);
            assertEquals(7, buffer.spilledCount());
            assertEquals(7, countFiles());
            assertEquals(200, budget.usedBytes());
            assertEquals(ReorderBuffer.Offer.DUPLICATE, buffer.offer(5, bytesOf(5, 100)), "spilled frames count too");
            buffer.offer(0, bytesOf(0, 100));
            assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L), drain(buffer, 100));
            assertEquals(0, countFiles(), "read-back frames are deleted");
            assertEquals(0, budget.usedBytes());
        }
    }

    @Test
    void closeDeletesSpilledFilesAndReturnsTheMemory() throws IOException {
        BufferBudget budget = new BufferBudget(100);
        ReorderBuffer buffer = new ReorderBuffer(spill, budget);
        buffer.offer(1, bytesOf(1, 100));
        buffer.offer(2, bytesOf(2, 100));
        assertEquals(1, countFiles());
        buffer.close();
        assertEquals(0, countFiles());
        assertEquals(0, budget.usedBytes());
        assertFalse(Files.list(spill).findAny().isPresent(), "its spill directory is gone too");
    }

    @Test
    void refusesToSkipAFrameThatIsNotNext() {
        try (ReorderBuffer buffer = new ReorderBuffer(spill, new BufferBudget(100))) {
            assertThrows(IllegalStateException.class, () -> buffer.skipNext(1));
        }
    }

    private long countFiles() throws IOException {
        try (Stream<Path> files = Files.walk(spill)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void skipsAGapUpToTheFirstWaitingFrameAndNoFurther() {
        try (ReorderBuffer buffer = new ReorderBuffer(spill, new BufferBudget(100))) {
            assertEquals(-1, buffer.firstWaiting());
            buffer.offer(7, bytesOf(7, 64));
            buffer.offer(4, bytesOf(4, 64)); // over the budget: spilled, and still the first waiting
            assertEquals(4, buffer.firstWaiting());
            assertThrows(IllegalArgumentException.class, () -> buffer.skipTo(5), "frame 4 waits");
            assertEquals(4, buffer.skipTo(4));
            assertEquals(List.of(4L), drain(buffer, 64));
            assertEquals(2, buffer.skipTo(7));
            assertEquals(List.of(7L), drain(buffer, 64));
            assertTrue(buffer.contains(5), "a skipped index counts as taken");
            assertThrows(IllegalArgumentException.class, () -> buffer.skipTo(3), "cannot go back");
        }
    }
}
