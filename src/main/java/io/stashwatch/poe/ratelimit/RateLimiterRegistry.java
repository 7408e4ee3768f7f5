package io.stashwatch.poe.ratelimit;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The limiters of one application (one API and client id): one {@link RateLimiter} per policy name,
 * shared by every request of the JVM that falls under that policy.
 *
 * <p>A request names its endpoint (e.g. "river", "currency-exchange", "token"); which policy an
 * endpoint belongs to is learnt from its first response. Until then the endpoint has a provisional
 * limiter that lets one request through at a time. When a response names a policy another endpoint
 * already uses, the endpoint joins that limiter, bringing its history along.
 */
public final class RateLimiterRegistry {
    private static final Map<String, RateLimiterRegistry> SHARED = new ConcurrentHashMap<>();

    private final long marginNanos;
    private final Map<String, RateLimiter> byPolicy = new HashMap<>();
    private final Map<String, RateLimiter> byEndpoint = new HashMap<>();

    public RateLimiterRegistry(long marginNanos) {
        this.marginNanos = marginNanos;
    }

    /**
     * The registry of an application, shared per JVM.
     *
     * @param key identifies the application, e.g. API base URL and client id
     */
    public static RateLimiterRegistry shared(String key, long marginNanos) {
        return SHARED.computeIfAbsent(key, k -> new RateLimiterRegistry(marginNanos));
    }

    /** The limiter requests to {@code endpoint} currently go through. */
    public synchronized RateLimiter forEndpoint(String endpoint) {
        return byEndpoint.computeIfAbsent(endpoint, e -> new RateLimiter(null, marginNanos));
    }

    /** The limiter of a policy, or null when no response has named it yet. */
    public synchronized RateLimiter forPolicy(String policy) {
        return byPolicy.get(policy.toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * Completes {@code permit} (issued for {@code endpoint}) with a response's headers, binding the
     * endpoint to the policy the headers name.
     */
    public void complete(String endpoint, RateLimiter.Permit permit, RateLimitHeaders headers, long now) {
        RateLimiter target = bind(endpoint, permit.limiter(), headers.policy());
        permit.complete(target, headers, now);
    }

    private synchronized RateLimiter bind(String endpoint, RateLimiter used, String policy) {
        if (policy == null) {
            return used;
        }
        RateLimiter known = byPolicy.get(policy);
        if (known == null) {
            if (used.policy() == null) {
                used.name(policy);
                known = used;
            } else {
                known = new RateLimiter(policy, marginNanos);
                known.absorb(used);
            }
            byPolicy.put(policy, known);
        } else if (known != used) {
            known.absorb(used);
        }
        byEndpoint.put(endpoint, known);
        return known;
    }
}
