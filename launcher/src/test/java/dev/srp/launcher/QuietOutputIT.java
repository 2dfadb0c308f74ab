package dev.srp.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srp.testsupport.SyntheticClip;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user sees of a run in the terminal, from {@code srp upscale} as its own process: without --verbose only
 * srp's own lines (no broker, FFmpeg or libtorch chatter), and a log level the user gives on the JVM's command
 * line is kept.
 */
class QuietOutputIT {
    @TempDir
    Path dir;

    private String run(String name, List<String> jvmOptions, String... args) throws Exception {
        try (ServiceProcesses processes = new ServiceProcesses(dir)) {
            Process p = processes.startMain(name, jvmOptions, Srp.class.getName(), args);
            assertTrue(p.waitFor(180, TimeUnit.SECONDS), processes.logs());
            String log = Files.readString(dir.resolve(name + ".log"));
            assertEquals(0, p.exitValue(), log);
            return log;
        }
    }

    @Test
    void aSuccessfulRunPrintsOnlySrpsOwnLines() throws Exception {
        Path clip = dir.resolve("clip.mp4");
        new SyntheticClip(160, 96, 25, 30, new int[] {15}, false, false).write(clip);
        Path tiny = VideoFrames.lavfi("testsrc=size=8x8:rate=25", 20, dir.resolve("tiny.mkv"));
        for (Path input : List.of(clip, tiny)) {
            String name = input.getFileName().toString().replace('.', '-');
            String log = run(name, List.of(), "upscale", input.toString(), dir.resolve(name + "-x4.mp4").toString(),
                    "--no-progress");
            List<String> foreign = log.lines().filter(l -> !l.startsWith("srp: wrote ") && !l.startsWith("  ")
                    && !l.startsWith("masks: ")).toList();
            assertEquals(List.of(), foreign, "lines that are not srp's own from " + input.getFileName() + ":\n" + log);
        }
    }

    @Test
    void aLogLevelGivenOnTheCommandLineIsKept() throws Exception {
        Path clip = dir.resolve("clip.mp4");
        new SyntheticClip(160, 96, 25, 10, new int[0], false, false).write(clip);
        String log = run("kafka-info", List.of("-Dorg.slf4j.simpleLogger.log.kafka=info"), "upscale",
                clip.toString(), dir.resolve("out.mp4").toString(), "--no-progress", "--model",
                SrpHome.path().resolve("models").resolve("bicubic-x4-interim.pt").toString());
        assertTrue(log.lines().anyMatch(l -> l.contains(" INFO kafka.")), "no broker INFO line although "
                + "-Dorg.slf4j.simpleLogger.log.kafka=info was given:\n" + log);
    }
}
