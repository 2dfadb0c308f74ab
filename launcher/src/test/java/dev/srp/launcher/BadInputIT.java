package dev.srp.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srp.testsupport.SyntheticClip;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each bad input gives exit code 2, one error line on stderr that names the input, no stack trace, and no output
 * file that looks complete.
 */
class BadInputIT {
    @TempDir
    static Path dir;
    static Path goodClip;

    @BeforeAll
    static void writeClip() throws Exception {
        goodClip = dir.resolve("good.mp4");
        new SyntheticClip(160, 96, 25, 20, new int[0], false, false).write(goodClip);
    }

    private static void assertUserError(CliRun run, String mustMention, Path output) {
        assertEquals(Srp.EXIT_USER_ERROR, run.exitCode(), "stdout: " + run.stdout() + "\nstderr: " + run.stderr());
        String[] lines = run.stderr().strip().split("\n");
        String errorLine = Arrays.stream(lines).filter(l -> l.startsWith("srp: error: ")).findFirst().orElse("");
        assertTrue(errorLine.contains(mustMention), "error line should name " + mustMention + ": " + run.stderr());
        assertFalse(run.stderr().contains("\tat "), "stack trace printed without --verbose: " + run.stderr());
        assertFalse(Files.exists(output), "output exists after a failure: " + output);
    }

    @Test
    void missingInputFile() {
        Path out = dir.resolve("missing.mp4");
        assertUserError(CliRun.of("upscale", dir.resolve("nope.mp4").toString(), out.toString(), "--no-progress"),
                "nope.mp4", out);
    }

    @Test
    void inputThatIsNotVideo() throws Exception {
        Path text = dir.resolve("notes.mp4");
        Files.writeString(text, "this is not a video\n".repeat(100));
        Path out = dir.resolve("text.mp4");
        assertUserError(CliRun.of("upscale", text.toString(), out.toString(), "--no-progress"), "notes.mp4", out);
    }

    @Test
    void truncatedInput() throws Exception {
        byte[] bytes = Files.readAllBytes(goodClip);
        Path cut = dir.resolve("cut.mp4");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        Path out = dir.resolve("cut-out.mp4");
        assertUserError(CliRun.of("upscale", cut.toString(), out.toString(), "--no-progress"), "cut.mp4", out);
    }

    @Test
    void unreachableUrl() {
        Path out = dir.resolve("url.mp4");
        assertUserError(CliRun.of("upscale", "http://127.0.0.1:9/clip.mp4", out.toString(), "--no-progress"),
                "http://127.0.0.1:9/clip.mp4", out);
    }

    @Test
    void unwritableOutput() {
        // The parent "directory" is a regular file, so it can neither be used nor created.
        Path out = goodClip.resolve("sub").resolve("out.mp4");
        assertUserError(CliRun.of("upscale", goodClip.toString(), out.toString(), "--no-progress"),
                "good.mp4", out);
    }

    @Test
    void missingModel() {
        Path out = dir.resolve("model.mp4");
        assertUserError(CliRun.of("upscale", goodClip.toString(), out.toString(), "--no-progress", "--model",
                dir.resolve("absent.pt").toString()), "absent.pt", out);
    }

    @Test
    void modelThatDoesNotMatchItsSidecar() throws Exception {
        Path shipped = SrpHome.path().resolve("models").resolve("bicubic-x4-interim.pt");
        Path pt = dir.resolve("tampered.pt");
        byte[] bytes = Files.readAllBytes(shipped);
        bytes[bytes.length / 2] ^= 1;
        Files.write(pt, bytes);
        Files.copy(SrpHome.path().resolve("models").resolve("bicubic-x4-interim.properties"),
                dir.resolve("tampered.properties"));
        Path out = dir.resolve("tampered-out.mp4");
        assertUserError(CliRun.of("upscale", goodClip.toString(), out.toString(), "--no-progress", "--model",
                pt.toString()), "tampered.pt", out);
    }

    @Test
    void scaleTheModelCannotDo() {
        Path out = dir.resolve("scale.mp4");
        Path x4 = SrpHome.path().resolve("models").resolve("bicubic-x4-interim.pt");
        assertUserError(CliRun.of("upscale", goodClip.toString(), out.toString(), "--no-progress", "--model",
                x4.toString(), "--scale", "2"), "--scale", out);
    }

    /** An error line that names {@code mustMention}, exit 2, and no stack trace; returns the error line. */
    private static String errorLine(CliRun run, String mustMention) {
        assertEquals(Srp.EXIT_USER_ERROR, run.exitCode(), "stdout: " + run.stdout() + "\nstderr: " + run.stderr());
        String line = Arrays.stream(run.stderr().strip().split("\n")).filter(l -> l.startsWith("srp: error: "))
                .findFirst().orElse("");
        assertTrue(line.contains(mustMention), "error line should name " + mustMention + ": " + run.stderr());
        assertFalse(run.stderr().contains("\tat "), "stack trace printed without --verbose: " + run.stderr());
        return line;
    }

    @Test
    void outputThatIsTheInputIsRefusedWhateverItsName() throws Exception {
        Path source = dir.resolve("precious.mp4");
        Files.copy(goodClip, source);
        byte[] before = Files.readAllBytes(source);
        Path link = dir.resolve("precious-link.mp4");
        Files.createSymbolicLink(link, source.getFileName());
        Path hardLink = dir.resolve("precious-hard.mp4");
        Files.createLink(hardLink, source);
        Files.createDirectories(dir.resolve("sub"));
        for (String output : new String[] {source.toString(), dir + "/sub/../precious.mp4", dir + "/./precious.mp4",
                link.toString(), hardLink.toString()}) {
            String line = errorLine(CliRun.of("upscale", source.toString(), output, "--no-progress"), output);
            assertTrue(line.contains("is the input"), line);
            assertArrayEquals(before, Files.readAllBytes(source), "input changed by a run with output " + output);
        }
        try (var hidden = Files.list(dir)) {
            assertEquals(List.of(), hidden.filter(p -> p.getFileName().toString().startsWith(".precious")).toList(),
                    "staging files left beside the input");
        }
    }

    @Test
    void outputThatIsADirectoryIsNamedAsTyped() throws Exception {
        Path adir = Files.createDirectories(dir.resolve("adir"));
        String line = errorLine(CliRun.of("upscale", goodClip.toString(), adir.toString(), "--no-progress"),
                "output " + adir + " is a directory");
        assertFalse(line.contains(".srp-"), "an internal staging name in the error: " + line);
        try (var left = Files.list(adir)) {
            assertEquals(0, left.count(), "something was written into the directory");
        }
    }

    @Test
    void unsupportedExtensionIsNamedAsTyped() {
        Path out = dir.resolve("out.xyz");
        String line = errorLine(CliRun.of("upscale", goodClip.toString(), out.toString(), "--no-progress"),
                "output " + out + " has the extension .xyz");
        assertFalse(line.contains(".srp-"), "an internal staging name in the error: " + line);
        assertFalse(Files.exists(out));
    }

    @Test
    void scaleWithoutABuiltInModelListsTheBuiltInScales() {
        Path out = dir.resolve("x3.mp4");
        String line = errorLine(CliRun.of("upscale", goodClip.toString(), out.toString(), "--no-progress",
                "--scale", "3"), "--scale 3");
        assertTrue(line.contains("built-in scales: 2, 4"), line);
        assertFalse(line.contains("omit --model"), "blames a --model the user did not pass: " + line);
        assertFalse(Files.exists(out));
    }

    /** Mistakes the user can fix are found before the broker starts (it takes seconds), not after. */
    @Test
    void badPathsAndOptionsFailBeforeAnythingStarts() {
        Path out = dir.resolve("fast.mp4");
        String[][] runs = {
                {"upscale", dir.resolve("absent.mp4").toString(), out.toString(), "--no-progress"},
                {"upscale", goodClip.toString(), out.toString(), "--no-progress", "--crf", "99"},
                {"upscale", goodClip.toString(), dir.resolve("fast.xyz").toString(), "--no-progress"},
        };
        for (String[] args : runs) {
            long start = System.nanoTime();
            CliRun run = CliRun.of(args);
            double seconds = (System.nanoTime() - start) / 1e9;
            assertEquals(Srp.EXIT_USER_ERROR, run.exitCode(), run.stderr());
            assertTrue(seconds < 2, String.join(" ", args) + " took " + seconds + " s to fail: " + run.stderr());
        }
    }
}
