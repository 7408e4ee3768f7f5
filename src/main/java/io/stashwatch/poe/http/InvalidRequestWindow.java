package io.stashwatch.poe.http;

import io.stashwatch.poe.PoeFatalException;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;

/**
 * Counts 4xx responses of one application in a sliding window. GGG restricts applications that
 * make too many invalid requests in a short time, so the client stops itself before its own
 * threshold is crossed: a request is refused when one more 4xx would reach the limit.
 */
public final class InvalidRequestWindow {
    private static final Map<String, InvalidRequestWindow> SHARED = new ConcurrentHashMap<>();

    private final int limit;
    private final long windowNanos;
    private final ArrayDeque<Long> times = new ArrayDeque<>();
    private String lastCause = "";

    /**
     * @param limit 4xx responses that must never fall in one window
     * @param windowNanos length of the window
     */
    public InvalidRequestWindow(int limit, long windowNanos) {
        if (limit < 1 || windowNanos <= 0) {
            throw new IllegalArgumentException("invalid-request limit and window must be positive");
        }
        this.limit = limit;
        this.windowNanos = windowNanos;
    }

    /** The window of an application, shared per JVM (the first caller's limit and window win). */
    public static InvalidRequestWindow shared(String key, int limit, long windowNanos) {
        return SHARED.computeIfAbsent(key, k -> new InvalidRequestWindow(limit, windowNanos));
    }

    /** Records a 4xx response received at {@code now}; {@code cause} names it for the error message. */
    public synchronized void record(long now, String cause) {
        prune(now);
        times.addLast(now);
        lastCause = cause;
    }

    /** 4xx responses within the window ending at {@code now}. */
    public synchronized int count(long now) {
        prune(now);
        return times.size();
    }

    /**
     * Called before every request.
     *
     * @throws PoeFatalException when one more 4xx would reach the limit
     */
    public synchronized void checkBeforeSend(long now) throws PoeFatalException {
        prune(now);
        if (times.size() + 1 >= limit) {
            throw new PoeFatalException("Stopping before the invalid-request threshold: " + times.size()
                    + " 4xx responses in the last " + (windowNanos / 1_000_000_000L) + "s (limit "
                    + limit + ", poe.invalid-request-limit); the last was " + lastCause
                    + ". GGG restricts applications that make too many invalid requests.");
        }
    }

    private void prune(long now) {
        while (!times.isEmpty() && now - times.peekFirst() >= windowNanos) {
            times.removeFirst();
        }
    }
}
