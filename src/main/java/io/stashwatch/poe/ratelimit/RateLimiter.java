package io.stashwatch.poe.ratelimit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pre-emptive limiter of one rate-limit policy, shared by every request made under that policy.
 *
 * <p>It keeps a log of its own requests and never lets a request go out that would put any window of
 * any rule over its limit by that log. The log is conservative on both ends: a request in flight
 * counts in every window, and a finished request is dated when its response arrived (never earlier
 * than the server saw it), so a window expires no sooner on our side than on the server's.
 * Windows are further padded by a margin, for servers that count hits in buckets.
 *
 * <p>After every response the limiter follows the latest headers: limits may change at any time,
 * rules may appear and disappear. The {@code -State} header resyncs it: when the server counts more
 * hits than the log explains (another process using the same client, a restart), the difference is
 * added as hits at the time of the response. {@code Retry-After} and active restrictions block every
 * request until they are over.
 *
 * <p>Until the first response with limits arrives, only one request is in flight at a time.
 *
 * <p>The decision logic takes the time as an argument ({@link #delayNanos}, {@link #acquireNow},
 * {@link Permit#complete}), so it is tested without clocks; {@link #acquire} is the blocking form.
 */
public final class RateLimiter {
    private static final Logger LOG = LoggerFactory.getLogger(RateLimiter.class);

    /** Returned by {@link #delayNanos} when only the completion of a request in flight can make room. */
    public static final long UNTIL_COMPLETION = Long.MAX_VALUE;

    /** Longest single park in {@link #acquire}; the decision is re-evaluated after it. */
    private static final long MAX_PARK_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Own requests are remembered at least this long, so a rule with a longer period can appear later. */
    private static final long MIN_HISTORY_NANOS = TimeUnit.MINUTES.toNanos(10);
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /** Source of monotonic time in nanoseconds. */
    @FunctionalInterface
    public interface Ticker {
        long nanos();

        Ticker SYSTEM = System::nanoTime;
    }

    /** One request of ours (or one hit the server counted that we did not send: a "foreign" hit). */
    static final class Hit {
        // Shared between limiters when one absorbs another: written time first, then inFlight.
        volatile long time;
        volatile boolean inFlight;

        Hit(long time, boolean inFlight) {
            this.time = time;
            this.inFlight = inFlight;
        }
    }

    /** A rule's windows and the foreign hits the server's state revealed for it. */
    private static final class RuleState {
        List<RateWindow> windows;
        final List<Hit> foreign = new ArrayList<>();

        RuleState(List<RateWindow> windows) {
            this.windows = windows;
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final long marginNanos;
    private String policy;
    private final List<Hit> own = new ArrayList<>();
    private final Map<String, RuleState> rules = new LinkedHashMap<>();
    private boolean limitsKnown;
    private long blockedUntil;
    private boolean blocked;
    private long longestPeriodNanos;

    /**
     * @param policy the policy name, or null while it is not known yet
     * @param marginNanos padding added to every window's period
     */
    public RateLimiter(String policy, long marginNanos) {
        if (marginNanos < 0) {
            throw new IllegalArgumentException("margin must not be negative");
        }
        this.policy = policy;
        this.marginNanos = marginNanos;
    }

    /** The policy name (lower case), or null while no response has named it. */
    public String policy() {
        lock.lock();
        try {
            return policy;
        } finally {
            lock.unlock();
        }
    }

    void name(String name) {
        lock.lock();
        try {
            this.policy = name;
        } finally {
            lock.unlock();
        }
    }

    /** True once a response has described the limits. */
    public boolean limitsKnown() {
        lock.lock();
        try {
            return limitsKnown;
        } finally {
            lock.unlock();
        }
    }

    /** The current limits, rule name to windows, as the latest response described them. */
    public Map<String, List<RateWindow>> limits() {
        lock.lock();
        try {
            Map<String, List<RateWindow>> out = new LinkedHashMap<>();
            rules.forEach((k, v) -> out.put(k, v.windows));
            return out;
        } finally {
            lock.unlock();
        }
    }

    /**
     * How long a request must wait before it may be sent at {@code now}: 0 = now, a positive number of
     * nanoseconds, or {@link #UNTIL_COMPLETION} when the window is full of requests still in flight.
     */
    public long delayNanos(long now) {
        lock.lock();
        try {
            return delayLocked(now);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Records a request sent at {@code now}. Callers check {@link #delayNanos} first (or use
     * {@link #acquire}); recording a request the limits do not allow is an error.
     */
    public Permit acquireNow(long now) {
        lock.lock();
        try {
            if (delayLocked(now) != 0) {
                throw new IllegalStateException("rate limit of policy " + policy + " does not allow a request now");
            }
            return recordLocked(now);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until the limits allow a request and records it. Interruptible.
     *
     * @return the permit, to be completed with the response (or failed) exactly once
     */
    public Permit acquire(Ticker ticker) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            for (;;) {
                long now = ticker.nanos();
                long delay = delayLocked(now);
                if (delay == 0) {
                    return recordLocked(now);
                }
                changed.awaitNanos(Math.min(delay, MAX_PARK_NANOS));
            }
        } finally {
            lock.unlock();
        }
    }

    private Permit recordLocked(long now) {
        Hit hit = new Hit(now, true);
        own.add(hit);
        prune(now);
        return new Permit(this, hit, now);
    }

    private long delayLocked(long now) {
        long delay = 0;
        if (blocked) {
            if (now - blockedUntil < 0) {
                delay = blockedUntil - now;
            } else {
                blocked = false;
            }
        }
        if (!limitsKnown) {
            for (Hit h : own) {
                if (h.inFlight) {
                    return UNTIL_COMPLETION;
                }
            }
            return delay;
        }
        int ownInFlight = 0;
        for (Hit h : own) {
            if (h.inFlight) {
                ownInFlight++;
            }
        }
        for (RuleState rule : rules.values()) {
            for (RateWindow w : rule.windows) {
                long horizon = w.periodSeconds() * NANOS_PER_SECOND + marginNanos;
                long[] expiries = new long[own.size() + rule.foreign.size()];
                int n = 0;
                n = collectExpiries(own, now, horizon, expiries, n);
                n = collectExpiries(rule.foreign, now, horizon, expiries, n);
                int total = ownInFlight + n;
                if (total < w.hits()) {
                    continue;
                }
                int mustExpire = total - w.hits() + 1;
                if (mustExpire > n) {
                    return UNTIL_COMPLETION;
                }
                Arrays.sort(expiries, 0, n);
                delay = Math.max(delay, expiries[mustExpire - 1] - now);
            }
        }
        return delay;
    }

    /** Adds, for finished hits still inside the window, the time at which each leaves it. */
    private static int collectExpiries(List<Hit> hits, long now, long horizon, long[] out, int n) {
        for (Hit h : hits) {
            if (!h.inFlight && now - h.time < horizon) {
                out[n++] = h.time + horizon;
            }
        }
        return n;
    }

    private void prune(long now) {
        long keep = Math.max(MIN_HISTORY_NANOS, longestPeriodNanos) + marginNanos;
        own.removeIf(h -> !h.inFlight && now - h.time > keep);
        for (RuleState r : rules.values()) {
            r.foreign.removeIf(h -> now - h.time > keep);
        }
    }

    /** Applies a response's headers: follows the limits, resyncs from the state, honours Retry-After. */
    private void applyLocked(RateLimitHeaders headers, long sentAt, long now) {
        if (headers != null) {
            if (headers.hasLimits()) {
                followLimits(headers);
            }
            if (!headers.rules().isEmpty()) {
                resync(headers, sentAt, now);
            }
            headers.retryAfterSeconds().ifPresent(s -> blockUntil(now + s * NANOS_PER_SECOND));
        }
        prune(now);
        changed.signalAll();
    }

    private void followLimits(RateLimitHeaders headers) {
        boolean changedLimits = !limitsKnown || rules.size() != headers.rules().size();
        Map<String, RuleState> next = new LinkedHashMap<>();
        for (RateLimitHeaders.Rule r : headers.rules()) {
            RuleState existing = rules.get(r.name());
            if (existing == null) {
                changedLimits = true;
                existing = new RuleState(r.windows());
            } else if (!existing.windows.equals(r.windows())) {
                changedLimits = true;
                existing.windows = r.windows();
            }
            next.put(r.name(), existing);
            for (RateWindow w : r.windows()) {
                longestPeriodNanos = Math.max(longestPeriodNanos, w.periodSeconds() * NANOS_PER_SECOND);
            }
        }
        rules.clear();
        rules.putAll(next);
        limitsKnown = true;
        if (changedLimits) {
            LOG.info("Rate limits of policy {} are now {}", policy, describeLocked());
        }
    }

    private void resync(RateLimitHeaders headers, long sentAt, long now) {
        for (RateLimitHeaders.Rule r : headers.rules()) {
            RuleState rule = rules.get(r.name());
            if (rule == null) {
                continue;
            }
            List<RateLimitHeaders.WindowState> states = new ArrayList<>(r.states());
            // Shortest window first. Hits a longer window reveals beyond those the shorter one did were
            // not in the shorter window when the server counted, so they are dated before it: that
            // keeps them out of the short window without letting them leave the long one too early.
            states.sort(Comparator.comparingInt(RateLimitHeaders.WindowState::periodSeconds));
            long dateOfMissing = now;
            for (RateLimitHeaders.WindowState s : states) {
                if (s.restrictedSeconds() > 0) {
                    blockUntil(now + s.restrictedSeconds() * NANOS_PER_SECOND);
                }
                long period = s.periodSeconds() * NANOS_PER_SECOND;
                int local = countSince(own, sentAt - period) + countSince(rule.foreign, sentAt - period);
                int missing = Math.min(s.current() - local, s.current());
                if (missing > 0) {
                    for (int i = 0; i < missing; i++) {
                        rule.foreign.add(new Hit(dateOfMissing, false));
                    }
                    LOG.warn("Rate-limit state of policy {} rule {} counts {} hits in {}s where we sent {}: "
                            + "another client is using the same limits; slowing down", policy, r.name(),
                            s.current(), s.periodSeconds(), local);
                }
                dateOfMissing = now - period - marginNanos;
            }
        }
    }

    private static int countSince(List<Hit> hits, long after) {
        int n = 0;
        for (Hit h : hits) {
            if (h.inFlight || h.time - after > 0) {
                n++;
            }
        }
        return n;
    }

    private void blockUntil(long until) {
        if (!blocked || until - blockedUntil > 0) {
            blockedUntil = until;
            blocked = true;
        }
    }

    /** Moves the history of another limiter of the same policy into this one (requests in flight included). */
    void absorb(RateLimiter other) {
        if (other == this) {
            return;
        }
        List<Hit> hits;
        other.lock.lock();
        try {
            hits = new ArrayList<>(other.own);
        } finally {
            other.lock.unlock();
        }
        lock.lock();
        try {
            java.util.Set<Hit> present = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            present.addAll(own);
            for (Hit h : hits) {
                if (present.add(h)) {
                    own.add(h);
                }
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private String describeLocked() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, RuleState> e : rules.entrySet()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(e.getKey()).append('=').append(RateWindow.format(e.getValue().windows));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        lock.lock();
        try {
            return "RateLimiter{" + policy + (limitsKnown ? " " + describeLocked() : " (limits unknown)") + "}";
        } finally {
            lock.unlock();
        }
    }

    /**
     * One request let through by the limiter. Complete it with the response's headers as soon as they
     * arrive, or fail it when no response came; exactly one of the two, once.
     */
    public static final class Permit {
        private final RateLimiter limiter;
        private final Hit hit;
        private final long sentAt;
        private boolean done;

        Permit(RateLimiter limiter, Hit hit, long sentAt) {
            this.limiter = limiter;
            this.hit = hit;
            this.sentAt = sentAt;
        }

        /** The time the request was let through. */
        public long sentAt() {
            return sentAt;
        }

        /** The limiter that issued this permit. */
        public RateLimiter limiter() {
            return limiter;
        }

        /** The response arrived at {@code now} with these headers ({@link RateLimitHeaders#none()} if none). */
        public void complete(RateLimitHeaders headers, long now) {
            complete(limiter, headers, now);
        }

        /**
         * Like {@link #complete(RateLimitHeaders, long)}, but the headers are applied to {@code target},
         * the limiter of the policy the response named, which differs from the issuing one when the
         * policy was not known when the request was sent (the target has absorbed this request).
         */
        public void complete(RateLimiter target, RateLimitHeaders headers, long now) {
            if (!finish(now)) {
                return;
            }
            target.lock.lock();
            try {
                target.applyLocked(headers, sentAt, now);
            } finally {
                target.lock.unlock();
            }
        }

        /** No response arrived (connection failure, time-out); the request may still have counted. */
        public void fail(long now) {
            if (finish(now)) {
                limiter.lock.lock();
                try {
                    limiter.applyLocked(null, sentAt, now);
                } finally {
                    limiter.lock.unlock();
                }
            }
        }

        private boolean finish(long now) {
            limiter.lock.lock();
            try {
                if (done) {
                    return false;
                }
                done = true;
                hit.time = now;
                hit.inFlight = false;
                limiter.changed.signalAll();
                return true;
            } finally {
                limiter.lock.unlock();
            }
        }
    }
}
