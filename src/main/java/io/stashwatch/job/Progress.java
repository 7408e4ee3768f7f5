package io.stashwatch.job;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Process-wide counters for the progress line of local runs (the MiniCluster runs in the same JVM).
 * On a cluster they are simply unused; Flink metrics carry the same numbers there.
 */
public final class Progress {
    public static final LongAdder PAGES = new LongAdder();
    public static final LongAdder STASHES = new LongAdder();
    public static final LongAdder ITEMS = new LongAdder();
    public static final LongAdder BYTES = new LongAdder();
    public static final LongAdder EVENTS = new LongAdder();
    public static final LongAdder ALERTS = new LongAdder();
    public static final LongAdder HEAD_POLLS = new LongAdder();
    /** Wall-clock ms of the last head answer (0 = head not reached yet). */
    public static final AtomicLong LAST_HEAD_AT = new AtomicLong();
    /** Wall-clock ms of the last page that moved the cursor. */
    public static final AtomicLong LAST_PAGE_AT = new AtomicLong();
    /** Pages consumed since the head was last seen. */
    public static final AtomicLong PAGES_SINCE_HEAD = new AtomicLong();

    private Progress() {
    }

    /** Resets all counters (a new local run in the same JVM, e.g. tests). */
    public static void reset() {
        PAGES.reset();
        STASHES.reset();
        ITEMS.reset();
        BYTES.reset();
        EVENTS.reset();
        ALERTS.reset();
        HEAD_POLLS.reset();
        LAST_HEAD_AT.set(0);
        LAST_PAGE_AT.set(0);
        PAGES_SINCE_HEAD.set(0);
    }
}
