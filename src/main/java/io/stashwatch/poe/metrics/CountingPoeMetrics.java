package io.stashwatch.poe.metrics;

import java.util.concurrent.atomic.AtomicLong;

/** Plain counters, for tests, benchmarks and the progress line. */
public final class CountingPoeMetrics implements PoeMetrics {
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong rateLimited = new AtomicLong();
    private final AtomicLong clientErrors = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong limiterWaitNanos = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong pages = new AtomicLong();
    private final AtomicLong headHits = new AtomicLong();
    private volatile long lastHeadNanos = Long.MIN_VALUE;

    @Override
    public void requestSent() {
        requests.incrementAndGet();
    }

    @Override
    public void rateLimited() {
        rateLimited.incrementAndGet();
    }

    @Override
    public void clientError(int status) {
        clientErrors.incrementAndGet();
    }

    @Override
    public void retried() {
        retries.incrementAndGet();
    }

    @Override
    public void limiterWaited(long nanos) {
        limiterWaitNanos.addAndGet(nanos);
    }

    @Override
    public void bytesReceived(long n) {
        bytes.addAndGet(n);
    }

    @Override
    public void pageReceived(boolean head) {
        if (head) {
            headHits.incrementAndGet();
            lastHeadNanos = System.nanoTime();
        } else {
            pages.incrementAndGet();
        }
    }

    public long requests() {
        return requests.get();
    }

    public long rateLimitedCount() {
        return rateLimited.get();
    }

    public long clientErrors() {
        return clientErrors.get();
    }

    public long retries() {
        return retries.get();
    }

    public long limiterWaitNanos() {
        return limiterWaitNanos.get();
    }

    public long bytes() {
        return bytes.get();
    }

    /** Non-empty pages handed on. */
    public long pages() {
        return pages.get();
    }

    public long headHits() {
        return headHits.get();
    }

    /** Milliseconds since the head was last seen, or -1 when never. */
    public long millisSinceHead() {
        long t = lastHeadNanos;
        return t == Long.MIN_VALUE ? -1 : (System.nanoTime() - t) / 1_000_000L;
    }

    @Override
    public String toString() {
        return "requests=" + requests + " 429=" + rateLimited + " 4xx=" + clientErrors + " retries=" + retries
                + " limiterWaitMs=" + limiterWaitNanos.get() / 1_000_000 + " bytes=" + bytes + " pages=" + pages
                + " headHits=" + headHits;
    }
}
