package io.stashwatch.poe.http;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter for transient faults: the n-th consecutive retry waits a random
 * time between half and all of {@code min(max, base * 2^n)}, so clients that failed together do not
 * retry together.
 */
public final class Backoff {
    private final long baseMillis;
    private final long maxMillis;
    private final DoubleSupplier random;

    public Backoff(long baseMillis, long maxMillis) {
        this(baseMillis, maxMillis, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** @param random uniform numbers in [0, 1) */
    public Backoff(long baseMillis, long maxMillis, DoubleSupplier random) {
        if (baseMillis <= 0 || maxMillis < baseMillis) {
            throw new IllegalArgumentException("backoff needs 0 < base <= max");
        }
        this.baseMillis = baseMillis;
        this.maxMillis = maxMillis;
        this.random = random;
    }

    /** The ceiling of the delay before retry number {@code attempt} (0 = first retry). */
    public long ceilingMillis(int attempt) {
        int shift = Math.min(Math.max(attempt, 0), 40);
        long d = baseMillis << shift;
        return d <= 0 || d > maxMillis ? maxMillis : d;
    }

    /** The jittered delay before retry number {@code attempt}: in [ceiling / 2, ceiling]. */
    public long delayMillis(int attempt) {
        long ceiling = ceilingMillis(attempt);
        long half = ceiling / 2;
        return half + Math.round(random.getAsDouble() * (ceiling - half));
    }
}
