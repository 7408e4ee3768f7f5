package io.stashwatch.poe.metrics;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.metrics.MetricGroup;

/**
 * Reports to a Flink {@link MetricGroup}, under the subgroup {@code poe}: counters
 * {@value PoeMetricNames#REQUESTS}, {@value PoeMetricNames#TOO_MANY_REQUESTS}, ... (see
 * {@link PoeMetricNames}), a requests-per-second meter, and the lag indicator
 * {@value PoeMetricNames#MILLIS_SINCE_HEAD} (0 right after a head response, growing while the
 * fetcher is behind; -1 before the head was ever reached).
 */
public final class FlinkPoeMetrics implements PoeMetrics {
    private final Counter requests;
    private final Counter tooManyRequests;
    private final Counter clientErrors;
    private final Counter retries;
    private final Counter limiterWaitMillis;
    private final Counter bytes;
    private final Counter pages;
    private final Counter headHits;
    private volatile long lastHeadNanos = Long.MIN_VALUE;

    public FlinkPoeMetrics(MetricGroup parent) {
        MetricGroup g = parent.addGroup(PoeMetricNames.GROUP);
        requests = g.counter(PoeMetricNames.REQUESTS);
        g.meter(PoeMetricNames.REQUESTS_PER_SECOND, new MeterView(requests));
        tooManyRequests = g.counter(PoeMetricNames.TOO_MANY_REQUESTS);
        clientErrors = g.counter(PoeMetricNames.CLIENT_ERRORS);
        retries = g.counter(PoeMetricNames.RETRIES);
        limiterWaitMillis = g.counter(PoeMetricNames.LIMITER_WAIT_MILLIS);
        bytes = g.counter(PoeMetricNames.BYTES);
        pages = g.counter(PoeMetricNames.PAGES);
        headHits = g.counter(PoeMetricNames.HEAD_HITS);
        g.gauge(PoeMetricNames.MILLIS_SINCE_HEAD, (Gauge<Long>) this::millisSinceHead);
    }

    @Override
    public void requestSent() {
        requests.inc();
    }

    @Override
    public void rateLimited() {
        tooManyRequests.inc();
    }

    @Override
    public void clientError(int status) {
        clientErrors.inc();
    }

    @Override
    public void retried() {
        retries.inc();
    }

    @Override
    public void limiterWaited(long nanos) {
        limiterWaitMillis.inc(nanos / 1_000_000L);
    }

    @Override
    public void bytesReceived(long n) {
        bytes.inc(n);
    }

    @Override
    public void pageReceived(boolean head) {
        if (head) {
            headHits.inc();
            lastHeadNanos = System.nanoTime();
        } else {
            pages.inc();
        }
    }

    long millisSinceHead() {
        long t = lastHeadNanos;
        return t == Long.MIN_VALUE ? -1 : (System.nanoTime() - t) / 1_000_000L;
    }
}
