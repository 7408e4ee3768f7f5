package io.stashwatch.testutil;

import io.stashwatch.simulator.RiverFeed;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * A river whose growth the test steers: a backlog of pages is there from the beginning, the rest
 * appear one every {@code pace} from {@link #start()} on. Serve it from a {@code SimulatorServer}
 * with pace 0; the server answers "no new page" (the same id, no stashes) past {@link #pageCount()}.
 * Unlike the server's own pacing, which counts from the server's start, this lets a test start the
 * river once its job runs, so that slow submissions on a busy machine do not eat the river.
 *
 * <p>{@link #pause()} holds back the pages not yet released: a request for one waits (like a slow
 * API) instead of being answered "no new page", so a job's idle time-out does not run while a test
 * interrupts it. {@link #resume()} answers the waiting requests.
 */
public final class PacedRiverFeed implements RiverFeed {
    private final RiverFeed river;
    private final long backlog;
    private final long paceNanos;
    private static final long LONGEST_PAUSE_MILLIS = 120_000;

    private final Object pauseLock = new Object();
    private volatile long startedAt;
    private volatile boolean started;
    private long pausedAt = -1;

    /**
     * @param river the pages (e.g. a {@code MarketFeed}); must be finite
     * @param backlog pages available before {@link #start()}
     * @param pace one more page every pace after {@link #start()}
     */
    public PacedRiverFeed(RiverFeed river, long backlog, Duration pace) {
        if (river.pageCount() < 0) {
            throw new IllegalArgumentException("an endless river cannot be paced by pageCount");
        }
        this.river = river;
        this.backlog = backlog;
        this.paceNanos = Math.max(1, pace.toNanos());
    }

    /** Lets the river grow from now on; later calls change nothing. */
    public synchronized void start() {
        if (!started) {
            startedAt = System.nanoTime();
            started = true;
        }
    }

    /**
     * Holds back every page from the first one not released yet; requests for them wait until
     * {@link #resume()} (at most two minutes, so a forgotten pause cannot hang the server).
     *
     * @return the pages released before the pause
     */
    public long pause() {
        synchronized (pauseLock) {
            if (pausedAt < 0) {
                pausedAt = pageCount();
            }
            return pausedAt;
        }
    }

    /** Ends a {@link #pause()}: waiting requests are answered, and pages keep appearing at the pace. */
    public void resume() {
        synchronized (pauseLock) {
            pausedAt = -1;
            pauseLock.notifyAll();
        }
    }

    /** The pages of the whole river. */
    public long totalPages() {
        return river.pageCount();
    }

    /** Pages available now. */
    @Override
    public long pageCount() {
        long released = started ? backlog + (System.nanoTime() - startedAt) / paceNanos : backlog;
        return Math.min(river.pageCount(), released);
    }

    @Override
    public String changeId(long index) {
        return river.changeId(index);
    }

    @Override
    public OptionalLong indexOf(String changeId) {
        return river.indexOf(changeId);
    }

    @Override
    public byte[] pageJson(long index) {
        synchronized (pauseLock) {
            long deadline = System.currentTimeMillis() + LONGEST_PAUSE_MILLIS;
            long left;
            while (pausedAt >= 0 && index >= pausedAt && (left = deadline - System.currentTimeMillis()) > 0) {
                try {
                    pauseLock.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        return river.pageJson(index);
    }

    @Override
    public List<String> leagues() {
        return river.leagues();
    }

    @Override
    public byte[] currencyExchangeJson(long unixHourSeconds) {
        return river.currencyExchangeJson(unixHourSeconds);
    }
}
