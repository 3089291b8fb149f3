package org.alignkg.cli;

import java.io.PrintWriter;

import org.alignkg.Progress;

/**
 * Progress on standard error, shown only for tasks that run longer than a second, so quick
 * commands stay quiet and scripts reading standard output are never disturbed.
 */
final class ConsoleProgress implements Progress {
    private static final long QUIET_NANOS = 1_000_000_000L;
    private static final long EVERY_NANOS = 500_000_000L;

    private final PrintWriter err;
    private String task = "";
    private String unit = "triples";
    private long started;
    private long lastShown;
    private boolean shown;

    ConsoleProgress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void begin(String task) {
        begin(task, "triples");
    }

    @Override
    public void begin(String task, String unit) {
        this.task = task;
        this.unit = unit;
        this.started = System.nanoTime();
        this.lastShown = 0;
        this.shown = false;
    }

    @Override
    public void advance(long done) {
        long now = System.nanoTime();
        if (now - started < QUIET_NANOS || now - lastShown < EVERY_NANOS) return;
        lastShown = now;
        shown = true;
        double secs = (now - started) / 1e9;
        err.printf("\r%s: %,d %s (%,.0f/s)   ", task, done, unit, done / secs);
        err.flush();
    }

    @Override
    public void end() {
        if (shown) {
            err.println();
            err.flush();
        }
    }
}
