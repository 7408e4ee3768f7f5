package io.stashwatch.poe.metrics;

/**
 * What the PoE client reports about its work. The job passes a {@link FlinkPoeMetrics}; tests and
 * benchmarks a {@link CountingPoeMetrics}. Implementations must be thread-safe.
 */
public interface PoeMetrics {

    /** A request went out (retries included). */
    void requestSent();

    /** A 429 came back: the limiter failed, the server restricted us. */
    void rateLimited();

    /** A 4xx response (429 included); each counts against the invalid-request threshold. */
    void clientError(int status);

    /** A request is retried after a transient fault. */
    void retried();

    /** Time spent waiting for the rate limiter before a request. */
    void limiterWaited(long nanos);

    /** Bytes received on the wire (compressed when gzip). */
    void bytesReceived(long bytes);

    /** A river page was handed on; {@code head} when it was the head of the river (same id, no stashes). */
    void pageReceived(boolean head);

    /** Reports nothing. */
    PoeMetrics NONE = new PoeMetrics() {
        @Override
        public void requestSent() {
        }

        @Override
        public void rateLimited() {
        }

        @Override
        public void clientError(int status) {
        }

        @Override
        public void retried() {
        }

        @Override
        public void limiterWaited(long nanos) {
        }

        @Override
        public void bytesReceived(long bytes) {
        }

        @Override
        public void pageReceived(boolean head) {
        }
    };
}
