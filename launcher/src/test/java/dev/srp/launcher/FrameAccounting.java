package dev.srp.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The frame indexes a stage delivered, held against 0..expected-1, so a failure says which frames were lost or
 * repeated instead of only that two long lists differ.
 */
record FrameAccounting(int expected, List<Integer> seen) {
    FrameAccounting {
        seen = List.copyOf(seen);
    }

    static List<Integer> range(int n) {
        List<Integer> r = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            r.add(i);
        }
        return r;
    }

    List<Integer> missing() {
        TreeSet<Integer> missing = new TreeSet<>(range(expected));
        missing.removeAll(seen);
        return List.copyOf(missing);
    }

    /** Indexes seen more than once, each listed once. */
    List<Integer> duplicated() {
        Map<Integer, Long> counts = seen.stream().collect(Collectors.groupingBy(Function.identity(), TreeMap::new,
                Collectors.counting()));
        return counts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
    }

    /** Indexes outside 0..expected-1: frames of some other stream, or a misread index pattern. */
    List<Integer> foreign() {
        return seen.stream().filter(i -> i < 0 || i >= expected).distinct().sorted().toList();
    }

    /** How many frames came right after a higher index. */
    int outOfOrder() {
        int n = 0;
        for (int i = 1; i < seen.size(); i++) {
            if (seen.get(i) < seen.get(i - 1)) {
                n++;
            }
        }
        return n;
    }

    String summary() {
        return "frames in " + expected + ", frames out " + seen.size() + ", missing " + missing() + ", duplicated "
                + duplicated() + ", foreign " + foreign() + ", out of order " + outOfOrder();
    }

    /** For a file: every frame exactly once and in order. */
    void assertExactlyOnceInOrder(String what) {
        assertEquals(range(expected), seen, what + ": " + summary());
    }

    /** For a topic with several partitions, where only each partition is ordered: every frame exactly once. */
    void assertExactlyOnce(String what) {
        assertTrue(seen.size() == expected && missing().isEmpty() && duplicated().isEmpty() && foreign().isEmpty(),
                what + ": " + summary());
    }
}
