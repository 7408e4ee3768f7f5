package io.stashwatch.poe.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.PriorityQueue;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Drives the limiter in simulated time against an exact sliding-window server with random network
 * delays, several concurrent senders and requests in flight: the server must never count a hit over
 * any limit, and the limiter must use nearly all the windows allow.
 */
class RateLimiterSimulationTest {
    static final long SEC = 1_000_000_000L;

    /** An exact server: hits arrive at a time, and a window counts arrivals in (t - period, t]. */
    static final class ExactServer {
        final List<RateWindow> windows;
        final List<Long> arrivals = new ArrayList<>();
        int violations;

        ExactServer(List<RateWindow> windows) {
            this.windows = windows;
        }

        /** Records an arrival and returns the state per window. */
        List<RateLimitHeaders.WindowState> arrive(long t) {
            arrivals.add(t);
            List<RateLimitHeaders.WindowState> states = new ArrayList<>();
            for (RateWindow w : windows) {
                int count = 0;
                for (long a : arrivals) {
                    if (a > t - w.periodSeconds() * SEC && a <= t) {
                        count++;
                    }
                }
                if (count > w.hits()) {
                    violations++;
                }
                states.add(new RateLimitHeaders.WindowState(count, w.periodSeconds(), 0));
            }
            return states;
        }
    }

    record Event(long time, int kind, int worker, RateLimiter.Permit permit, Object data)
            implements Comparable<Event> {
        static final int WANT = 0;
        static final int ARRIVE = 1;
        static final int RESPOND = 2;

        @Override
        public int compareTo(Event o) {
            int c = Long.compare(time, o.time);
            return c != 0 ? c : Integer.compare(o.kind, kind); // responses before sends at the same instant
        }
    }

    /** Runs {@code workers} senders for {@code duration}; returns the arrival count. */
    static ExactServer run(String limits, int workers, long maxLatencyNanos, long marginNanos, long duration,
            long seed) {
        List<RateWindow> windows = RateWindow.parseList(limits);
        ExactServer server = new ExactServer(windows);
        RateLimiter limiter = new RateLimiter(null, marginNanos);
        Random random = new Random(seed);
        PriorityQueue<Event> events = new PriorityQueue<>();
        ArrayDeque<Integer> waitingForCompletion = new ArrayDeque<>();
        for (int w = 0; w < workers; w++) {
            events.add(new Event(0, Event.WANT, w, null, null));
        }
        while (!events.isEmpty()) {
            Event e = events.poll();
            if (e.time > duration) {
                break;
            }
            switch (e.kind) {
                case Event.WANT -> {
                    long delay = limiter.delayNanos(e.time);
                    if (delay == 0) {
                        RateLimiter.Permit p = limiter.acquireNow(e.time);
                        long arrive = e.time + (long) (random.nextDouble() * maxLatencyNanos);
                        events.add(new Event(arrive, Event.ARRIVE, e.worker, p, null));
                    } else if (delay == RateLimiter.UNTIL_COMPLETION) {
                        waitingForCompletion.add(e.worker);
                    } else {
                        events.add(new Event(e.time + delay, Event.WANT, e.worker, null, null));
                    }
                }
                case Event.ARRIVE -> {
                    List<RateLimitHeaders.WindowState> states = server.arrive(e.time);
                    long respond = e.time + (long) (random.nextDouble() * maxLatencyNanos);
                    events.add(new Event(respond, Event.RESPOND, e.worker, e.permit, states));
                }
                default -> {
                    @SuppressWarnings("unchecked")
                    List<RateLimitHeaders.WindowState> states = (List<RateLimitHeaders.WindowState>) e.data;
                    RateLimitHeaders h = new RateLimitHeaders("policy",
                            List.of(new RateLimitHeaders.Rule("client", windows, states)), OptionalLong.empty());
                    e.permit.complete(h, e.time);
                    events.add(new Event(e.time, Event.WANT, e.worker, null, null));
                    while (!waitingForCompletion.isEmpty()) {
                        events.add(new Event(e.time, Event.WANT, waitingForCompletion.poll(), null, null));
                    }
                }
            }
        }
        return server;
    }

    /** The most requests a perfect client could make in [0, duration] under exact windows. */
    static int ideal(String limits, long duration) {
        List<RateWindow> windows = RateWindow.parseList(limits);
        List<Long> sent = new ArrayList<>();
        long t = 0;
        while (true) {
            long next = t;
            for (RateWindow w : windows) {
                int n = sent.size();
                if (n >= w.hits()) {
                    next = Math.max(next, sent.get(n - w.hits()) + w.periodSeconds() * SEC);
                }
            }
            if (next > duration) {
                return sent.size();
            }
            sent.add(next);
            t = next;
        }
    }

    @Test
    void neverOverTheLimitsWithJitterAndConcurrency() {
        for (long seed = 1; seed <= 20; seed++) {
            ExactServer s = run("8:4:10,40:60:60", 4, 300_000_000L, 0, 300 * SEC, seed);
            assertThat(s.violations).as("seed %d", seed).isZero();
        }
    }

    @Test
    void usesNearlyAllTheWindowsAllowOverTheLongWindow() {
        long duration = 10 * 60 * SEC;
        ExactServer s = run("8:4:10,40:60:60", 2, 5_000_000L, 250_000_000L, duration, 7);
        int ideal = ideal("8:4:10,40:60:60", duration);
        assertThat(s.violations).isZero();
        assertThat((double) s.arrivals.size() / ideal).isGreaterThanOrEqualTo(0.95);
    }
}
