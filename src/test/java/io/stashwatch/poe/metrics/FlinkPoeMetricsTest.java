package io.stashwatch.poe.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.metrics.testutils.MetricListener;
import org.junit.jupiter.api.Test;

class FlinkPoeMetricsTest {

    @Test
    void reportsUnderThePoeGroup() {
        MetricListener listener = new MetricListener();
        FlinkPoeMetrics m = new FlinkPoeMetrics(listener.getMetricGroup());
        m.requestSent();
        m.requestSent();
        m.rateLimited();
        m.clientError(429);
        m.clientError(404);
        m.retried();
        m.limiterWaited(2_500_000_000L);
        m.bytesReceived(1000);
        m.bytesReceived(24);
        m.pageReceived(false);
        m.pageReceived(false);
        m.pageReceived(true);

        assertThat(count(listener, PoeMetricNames.REQUESTS)).isEqualTo(2);
        assertThat(count(listener, PoeMetricNames.TOO_MANY_REQUESTS)).isEqualTo(1);
        assertThat(count(listener, PoeMetricNames.CLIENT_ERRORS)).isEqualTo(2);
        assertThat(count(listener, PoeMetricNames.RETRIES)).isEqualTo(1);
        assertThat(count(listener, PoeMetricNames.LIMITER_WAIT_MILLIS)).isEqualTo(2500);
        assertThat(count(listener, PoeMetricNames.BYTES)).isEqualTo(1024);
        assertThat(count(listener, PoeMetricNames.PAGES)).isEqualTo(2);
        assertThat(count(listener, PoeMetricNames.HEAD_HITS)).isEqualTo(1);
        assertThat(listener.getMeter(PoeMetricNames.GROUP, PoeMetricNames.REQUESTS_PER_SECOND)).isPresent();
        Object sinceHead = listener.getGauge(PoeMetricNames.GROUP, PoeMetricNames.MILLIS_SINCE_HEAD).orElseThrow().getValue();
        assertThat((Long) sinceHead).isBetween(0L, 60_000L);
    }

    @Test
    void lagIndicatorIsMinusOneBeforeTheHead() {
        MetricListener listener = new MetricListener();
        new FlinkPoeMetrics(listener.getMetricGroup()).pageReceived(false);
        assertThat(listener.getGauge(PoeMetricNames.GROUP, PoeMetricNames.MILLIS_SINCE_HEAD).orElseThrow().getValue())
                .isEqualTo(-1L);
    }

    static long count(MetricListener l, String name) {
        return l.getCounter(PoeMetricNames.GROUP, name).orElseThrow().getCount();
    }
}
