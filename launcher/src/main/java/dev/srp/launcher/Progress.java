package dev.srp.launcher;

import java.time.temporal.ChronoUnit;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar of frames written, with speed (fps) and ETA; the total starts as the container's estimate. On a
 * terminal it redraws in place; into a pipe or a log it prints one line every few seconds instead.
 */
final class Progress implements AutoCloseable {
    private final String task;
    /** Drawn from the first news of the source on, so a run that fails its checks prints only its error. */
    private ProgressBar bar;
    private boolean closed;

    Progress(String task) {
        this.task = task;
    }

    private ProgressBar bar() {
        if (bar != null || closed) {
            return bar;
        }
        ProgressBarBuilder builder = new ProgressBarBuilder().setTaskName(task).setInitialMax(-1)
                .setUnit(" frames", 1).showSpeed().setSpeedUnit(ChronoUnit.SECONDS).setStyle(ProgressBarStyle.ASCII)
                .continuousUpdate();
        if (System.console() == null) {
            builder.setConsumer(new DelegatingProgressBarConsumer(System.err::println, 100))
                    .setUpdateIntervalMillis(5000);
        } else {
            builder.setUpdateIntervalMillis(250);
        }
        bar = builder.build();
        return bar;
    }

    synchronized void expect(long frames) {
        ProgressBar b = bar();
        if (b != null && frames > 0) {
            b.maxHint(frames);
        }
    }

    synchronized void framesDone(long frames) {
        ProgressBar b = bar();
        if (b != null) {
            b.stepTo(frames);
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            if (bar != null) {
                bar.close();
            }
        }
    }
}
