package io.stashwatch.sink;

import java.time.Duration;
import java.util.Optional;

/**
 * How webhook attempts are judged and spaced: pure rules, no I/O.
 *
 * <ul>
 *   <li>2xx: delivered.
 *   <li>408, 425, 429, 5xx, no response (time-out, refused, reset): retried with exponential
 *       backoff ({@code base × 2^(attempt-1)}, capped; a longer {@code Retry-After} is honoured),
 *       until the attempts are used up.
 *   <li>Any other status (3xx: redirects are not followed; 4xx): the receiver refuses this
 *       request and would refuse it again, so the delivery fails at once.
 * </ul>
 */
public final class DeliveryPolicy {
    /** What to do after an attempt. */
    public enum Decision { DELIVERED, RETRY, FAIL }

    private final int maxAttempts;
    private final Duration base;
    private final Duration max;

    public DeliveryPolicy(int maxAttempts, Duration base, Duration max) {
        if (maxAttempts < 1 || base.isNegative() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("need maxAttempts >= 1 and 0 <= base <= max");
        }
        this.maxAttempts = maxAttempts;
        this.base = base;
        this.max = max;
    }

    /**
     * Decision after attempt number {@code attempt} (1 = first) ended with HTTP {@code status}, or
     * with no response when {@code status} is empty.
     */
    public Decision decide(int attempt, Optional<Integer> status) {
        if (status.isPresent()) {
            int s = status.get();
            if (s >= 200 && s < 300) {
                return Decision.DELIVERED;
            }
            if (!retryable(s)) {
                return Decision.FAIL;
            }
        }
        return attempt >= maxAttempts ? Decision.FAIL : Decision.RETRY;
    }

    /** True for statuses that say "try again later". */
    public static boolean retryable(int status) {
        return status == 408 || status == 425 || status == 429 || status >= 500;
    }

    /** Wait after failed attempt number {@code attempt} before the next one. */
    public Duration backoff(int attempt, Optional<Duration> retryAfter) {
        int shift = Math.max(0, Math.min(attempt - 1, 30));
        long ms = base.toMillis() << shift;
        if (ms < 0 || ms > max.toMillis()) {
            ms = max.toMillis();
        }
        Duration d = Duration.ofMillis(ms);
        if (retryAfter.isPresent() && retryAfter.get().compareTo(d) > 0) {
            d = retryAfter.get().compareTo(max) > 0 ? max : retryAfter.get();
        }
        return d;
    }

    /** Parses a {@code Retry-After} header given in seconds (HTTP dates are ignored). */
    public static Optional<Duration> parseRetryAfter(String header) {
        if (header == null) {
            return Optional.empty();
        }
        try {
            long s = Long.parseLong(header.trim());
            return s >= 0 ? Optional.of(Duration.ofSeconds(s)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public int maxAttempts() {
        return maxAttempts;
    }
}
