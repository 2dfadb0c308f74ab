package dev.srp.launcher;

import java.time.temporal.ChronoUnit;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar of frames written, with speed (fps) and ETA; total starts as the container's estimate. */
final class Progress implements AutoCloseable {
    private final ProgressBar bar;
    private boolean closed;

    Progress(String task) {
        bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(-1).setUnit(" frames", 1).showSpeed()
                .setSpeedUnit(ChronoUnit.SECONDS).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
                .continuousUpdate().build();
    }

    void expect(long frames) {
        if (frames > 0) {
            bar.maxHint(frames);
        }
    }

    void framesDone(long frames) {
        bar.stepTo(frames);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            bar.close();
        }
    }
}
