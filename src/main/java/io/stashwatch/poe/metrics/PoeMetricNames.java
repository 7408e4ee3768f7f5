package io.stashwatch.poe.metrics;

/** Names of the PoE client's Flink metrics, in one place. */
public final class PoeMetricNames {
    public static final String GROUP = "poe";
    public static final String REQUESTS = "requests";
    public static final String REQUESTS_PER_SECOND = "requestsPerSecond";
    public static final String TOO_MANY_REQUESTS = "tooManyRequests";
    public static final String CLIENT_ERRORS = "clientErrors";
    public static final String RETRIES = "retries";
    public static final String LIMITER_WAIT_MILLIS = "limiterWaitMillis";
    public static final String BYTES = "bytes";
    public static final String PAGES = "pages";
    public static final String HEAD_HITS = "headHits";
    public static final String MILLIS_SINCE_HEAD = "millisSinceHead";

    private PoeMetricNames() {
    }
}
