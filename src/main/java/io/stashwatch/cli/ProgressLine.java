package io.stashwatch.cli;

import io.stashwatch.job.Progress;
import java.util.concurrent.TimeUnit;

/**
 * The progress line of a local run: pages, stashes per second, data, events, alerts and where the
 * river head is. Rates are over the last interval.
 */
final class ProgressLine {
    private final long startedNanos;
    private long lastNanos;
    private long lastPages;
    private long lastStashes;

    ProgressLine(long startedNanos) {
        this.startedNanos = startedNanos;
        this.lastNanos = startedNanos;
    }

    String render() {
        long now = System.nanoTime();
        long pages = Progress.PAGES.sum();
        long stashes = Progress.STASHES.sum();
        double seconds = Math.max(1e-3, (now - lastNanos) / 1e9);
        double pageRate = (pages - lastPages) / seconds;
        double stashRate = (stashes - lastStashes) / seconds;
        lastNanos = now;
        lastPages = pages;
        lastStashes = stashes;
        long elapsed = TimeUnit.NANOSECONDS.toSeconds(now - startedNanos);
        return String.format("[%02d:%02d] pages %,d (%.1f/s) | stashes %,d (%,.0f/s) | %s | events %,d | alerts %,d | %s",
                elapsed / 60, elapsed % 60, pages, pageRate, stashes, stashRate, megabytes(Progress.BYTES.sum()),
                Progress.EVENTS.sum(), Progress.ALERTS.sum(), head());
    }

    private static String megabytes(long bytes) {
        return bytes >= 1L << 30 ? String.format("%.2f GB", bytes / (double) (1L << 30))
                : String.format("%.1f MB", bytes / (double) (1L << 20));
    }

    /** Distance to the head: change ids are opaque, so it is told in pages since the head was last seen. */
    static String head() {
        long lastHead = Progress.LAST_HEAD_AT.get();
        long since = Progress.PAGES_SINCE_HEAD.get();
        if (lastHead == 0) {
            return "head: not reached yet (catching up)";
        }
        long ago = (System.currentTimeMillis() - lastHead) / 1000;
        if (since == 0) {
            return "head: at the head (polled " + ago + "s ago)";
        }
        return "head: " + since + " pages since the head (seen " + ago + "s ago)";
    }
}
