package io.stashwatch.bench;

import io.stashwatch.poe.RawPage;
import io.stashwatch.poe.RiverFetcher;
import io.stashwatch.poe.RiverFetcherFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.metrics.MetricGroup;

/**
 * A river of {@link SyntheticPages} for the real {@link io.stashwatch.source.RiverSource}, generated in
 * process instead of fetched: {@code growPages} pages as fast as the job takes them, then
 * {@code holdPages} more at {@code holdPagesPerSecond} (0 = unpaced), then the head. Pages are
 * generated on a background thread a few pages ahead, so generation runs beside the job.
 *
 * <p>Page {@code n} is requested with {@link SyntheticPages#changeId(long)} of {@code n} ("" for page
 * 0); a fetcher opened at a later page (a restore) regenerates the river up to it.
 */
public final class SyntheticFetchers implements RiverFetcherFactory {
    private static final long serialVersionUID = 1L;

    /** Pages handed to the job so far in this JVM (all fetchers). */
    public static final AtomicLong PAGES = new AtomicLong();
    /** Body bytes handed to the job so far in this JVM. */
    public static final AtomicLong BYTES = new AtomicLong();

    private final long seed;
    private final int pool;
    private final int stashesPerPage;
    private final long growPages;
    private final long holdPages;
    private final double holdPagesPerSecond;

    public SyntheticFetchers(long seed, int pool, int stashesPerPage, long growPages, long holdPages,
            double holdPagesPerSecond) {
        this.seed = seed;
        this.pool = pool;
        this.stashesPerPage = stashesPerPage;
        this.growPages = growPages;
        this.holdPages = holdPages;
        this.holdPagesPerSecond = holdPagesPerSecond;
    }

    /** Index of the page requested with {@code changeId}. */
    static long indexOf(String changeId) {
        if (changeId == null || changeId.isEmpty()) {
            return 0;
        }
        long first = Long.parseLong(changeId.substring(0, changeId.indexOf('-')));
        return (first - 2_400_000_000L) / 7;
    }

    static String changeIdOf(long index) {
        return index == 0 ? "" : SyntheticPages.changeId(index);
    }

    @Override
    public RiverFetcher open(String realm, String changeId, MetricGroup metrics) {
        return new Fetcher(realm, indexOf(changeId));
    }

    @Override
    public String resolveStart(String realm, String startSetting) {
        return "";
    }

    private final class Fetcher implements RiverFetcher {
        private final String realm;
        private final BlockingQueue<byte[]> ahead = new ArrayBlockingQueue<>(3);
        private final Thread generator;
        private volatile boolean closed;
        private long next;
        private long holdStartNanos = -1;

        Fetcher(String realm, long start) {
            this.realm = realm;
            this.next = start;
            long total = growPages + holdPages;
            generator = new Thread(() -> {
                SyntheticPages river = new SyntheticPages(seed, pool, stashesPerPage);
                try {
                    for (long i = 0; i < total && !closed; i++) {
                        byte[] page = river.nextPage();
                        if (i >= start) {
                            ahead.put(page);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "synthetic-river-" + realm);
            generator.setDaemon(true);
            generator.start();
        }

        @Override
        public RawPage poll(Duration timeout) throws InterruptedException {
            String id = changeIdOf(next);
            if (next >= growPages + holdPages) {
                Thread.sleep(Math.min(timeout.toMillis(), 100));
                byte[] head = ("{\"next_change_id\":\"" + id + "\",\"stashes\":[]}").getBytes(StandardCharsets.US_ASCII);
                return new RawPage(realm, id, id, head, System.currentTimeMillis(), head.length);
            }
            if (next >= growPages && holdPagesPerSecond > 0) {
                if (holdStartNanos < 0) {
                    holdStartNanos = System.nanoTime();
                }
                long due = holdStartNanos + (long) ((next - growPages) * 1e9 / holdPagesPerSecond);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    long sleep = Math.min(TimeUnit.NANOSECONDS.toMillis(wait) + 1, timeout.toMillis());
                    Thread.sleep(sleep);
                    if (due - System.nanoTime() > 0) {
                        return null;
                    }
                }
            }
            byte[] body = ahead.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (body == null) {
                return null;
            }
            next++;
            PAGES.incrementAndGet();
            BYTES.addAndGet(body.length);
            return new RawPage(realm, id, SyntheticPages.changeId(next), body, System.currentTimeMillis(), body.length);
        }

        @Override
        public void close() {
            closed = true;
            generator.interrupt();
        }
    }
}
