package dev.srp.pipeline;

import dev.srp.contract.SrpException;
import dev.srp.egress.EgressConfig;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * Egress writes an upscale run's output under a hidden name beside OUTPUT, and the run moves it over OUTPUT only
 * when it succeeded: an existing OUTPUT (say, from an earlier run of the same input) stays intact until the new one is
 * whole, and egress never mistakes it for this run's finished stream.
 */
final class StagedOutput {
    private final String target;
    private final String staging;

    /** Registers the staging file with {@code run}, so it goes however the run ends. */
    StagedOutput(String target, RunDirectory run) {
        this(target);
        if (!staging.equals(target)) {
            run.registerOutput(Path.of(staging));
        }
    }

    StagedOutput(String target) {
        this.target = target;
        if (EgressConfig.writesInPlace(target)) {
            // HLS is watched while it grows, so it is written in place (segments beside the playlist), and a push
            // goes straight to its server
            this.staging = target;
            return;
        }
        Path file = Path.of(target);
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String ext = dot > 0 ? name.substring(dot) : "";
        String stem = dot > 0 ? name.substring(0, dot) : name;
        this.staging = file.resolveSibling("." + stem + ".srp-" + UUID.randomUUID().toString().substring(0, 8)
                + ext).toString();
    }

    String staging() {
        return staging;
    }

    String target() {
        return target;
    }

    /** {@code error} as the user should read it: naming OUTPUT as given, not this run's hidden staging file. */
    SrpException named(SrpException error) {
        String message = error.getMessage();
        if (staging.equals(target) || message == null || !message.contains(staging)) {
            return error;
        }
        String hint = error.hint() == null ? null : error.hint().replace(staging, target);
        return new SrpException(message.replace(staging, target), hint, error);
    }

    /** Moves the finished staging file over the target. */
    void commit() {
        if (staging.equals(target)) {
            return;
        }
        Path staging = Path.of(this.staging);
        Path target = Path.of(this.target);
        try {
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(staging, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new SrpException("cannot move the finished output " + staging + " to " + target + ": " + e,
                    "check that " + target.getParent() + " is writable; the finished file is " + staging, e);
        }
    }

    /** Removes what a failed run left, if anything. */
    void discard() {
        if (staging.equals(target)) {
            return;
        }
        try {
            Files.deleteIfExists(Path.of(staging));
        } catch (IOException e) {
            // best effort: a hidden leftover does not look like a finished output
        }
    }
}
