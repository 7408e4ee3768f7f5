package io.stashwatch.poe.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    static final long MARGIN = ms(250);

    static long ms(double millis) {
        return Math.round(millis * 1_000_000L);
    }

    static long s(double seconds) {
        return Math.round(seconds * 1_000_000_000L);
    }

    /** Headers of a response: rules given as name, limits, state (state may be null). */
    static RateLimitHeaders headers(String policy, String... ruleLimitState) {
        List<RateLimitHeaders.Rule> rules = new ArrayList<>();
        for (int i = 0; i < ruleLimitState.length; i += 3) {
            List<RateLimitHeaders.WindowState> states = new ArrayList<>();
            if (ruleLimitState[i + 2] != null) {
                for (String part : ruleLimitState[i + 2].split(",")) {
                    String[] f = part.split(":");
                    states.add(new RateLimitHeaders.WindowState(Integer.parseInt(f[0]), Integer.parseInt(f[1]),
                            Integer.parseInt(f[2])));
                }
            }
            rules.add(new RateLimitHeaders.Rule(ruleLimitState[i], RateWindow.parseList(ruleLimitState[i + 1]),
                    states));
        }
        return new RateLimitHeaders(policy, rules, OptionalLong.empty());
    }

    static RateLimitHeaders withRetryAfter(RateLimitHeaders h, long seconds) {
        return new RateLimitHeaders(h.policy(), h.rules(), OptionalLong.of(seconds));
    }

    /** Sends at {@code t} (which must be allowed) and completes immediately with {@code h}. */
    static void sendAt(RateLimiter l, long t, RateLimitHeaders h) {
        assertThat(l.delayNanos(t)).as("delay at %d ms", t / 1_000_000).isZero();
        l.acquireNow(t).complete(h, t);
    }

    static final RateLimitHeaders CLIENT = headers("river", "client", "8:4:10,40:60:60", null);

    @Test
    void firstRequestIsAProbeUntilLimitsAreKnown() {
        RateLimiter l = new RateLimiter(null, MARGIN);
        assertThat(l.delayNanos(0)).isZero();
        RateLimiter.Permit p = l.acquireNow(0);
        assertThat(l.delayNanos(ms(1))).isEqualTo(RateLimiter.UNTIL_COMPLETION);
        p.complete(RateLimitHeaders.none(), ms(5));
        // A response without headers teaches nothing: still one at a time.
        RateLimiter.Permit p2 = l.acquireNow(ms(6));
        assertThat(l.delayNanos(ms(7))).isEqualTo(RateLimiter.UNTIL_COMPLETION);
        p2.complete(CLIENT, ms(10));
        assertThat(l.limitsKnown()).isTrue();
        assertThat(l.delayNanos(ms(10))).isZero();
        assertThat(l.acquireNow(ms(10))).isNotNull();
        assertThat(l.delayNanos(ms(10))).isZero();
    }

    @Test
    void shortWindowThenLongWindowGovern() {
        RateLimiter l = new RateLimiter("river", MARGIN);
        l.acquireNow(0).complete(CLIENT, 0);
        for (int i = 1; i < 8; i++) {
            sendAt(l, 0, CLIENT);
        }
        // 8 hits at t=0: the 9th waits until the first leaves the 4 s window, padded by the margin.
        assertThat(l.delayNanos(s(1))).isEqualTo(s(4) + MARGIN - s(1));
        long t = s(4) + MARGIN;
        int sent = 8;
        while (sent < 40) {
            assertThat(l.delayNanos(t)).isZero();
            for (int i = 0; i < 8; i++) {
                sendAt(l, t, CLIENT);
            }
            sent += 8;
            if (sent < 40) {
                assertThat(l.delayNanos(t)).isEqualTo(s(4) + MARGIN);
                t += s(4) + MARGIN;
            }
        }
        // 40 hits within 60 s: the 41st waits for the first batch to leave the 60 s window.
        long last = t;
        assertThat(l.delayNanos(last)).isEqualTo(s(60) + MARGIN - last);
        assertThatThrownBy(() -> l.acquireNow(last)).isInstanceOf(IllegalStateException.class);
        assertThat(l.delayNanos(s(60) + MARGIN)).isZero();
    }

    @Test
    void severalRulesAllMustAllow() {
        RateLimitHeaders h = headers("river", "client", "8:4:10", null, "ip", "3:10:60", null);
        RateLimiter l = new RateLimiter("river", MARGIN);
        l.acquireNow(0).complete(h, 0);
        sendAt(l, s(1), h);
        sendAt(l, s(2), h);
        // client allows 8 in 4 s, but ip only 3 in 10 s: wait for the first hit (t=0) to leave 10 s.
        assertThat(l.delayNanos(s(2))).isEqualTo(s(10) + MARGIN - s(2));
        sendAt(l, s(10) + MARGIN, h);
        // Now the hit of t=1 s is the oldest of three in the ip window.
        assertThat(l.delayNanos(s(10) + MARGIN)).isEqualTo(s(11) + MARGIN - (s(10) + MARGIN));
    }

    @Test
    void requestsInFlightCountUntilTheirResponseAndAreDatedByIt() {
        RateLimitHeaders h = headers("p", "client", "2:4:10", null);
        RateLimiter l = new RateLimiter("p", MARGIN);
        l.acquireNow(0).complete(h, 0);
        RateLimiter.Permit slow = l.acquireNow(s(1));
        // Two hits (one finished at 0, one in flight): full until the finished one expires.
        assertThat(l.delayNanos(s(2))).isEqualTo(s(4) + MARGIN - s(2));
        assertThat(l.delayNanos(s(4) + MARGIN)).isZero();
        RateLimiter.Permit other = l.acquireNow(s(4) + MARGIN);
        // Both in flight: only a completion can make room.
        assertThat(l.delayNanos(s(5))).isEqualTo(RateLimiter.UNTIL_COMPLETION);
        // The slow one's response arrives at 6 s: it counts from 6 s, not from 1 s when it was sent.
        slow.complete(h, s(6));
        assertThat(l.delayNanos(s(6))).isEqualTo(s(4) + MARGIN);
        other.complete(h, s(6.5));
        assertThat(l.delayNanos(s(7))).isEqualTo(s(10) + MARGIN - s(7));
    }

    @Test
    void failedRequestStillCountsFromItsFailure() {
        RateLimitHeaders h = headers("p", "client", "1:4:10", null);
        RateLimiter l = new RateLimiter("p", MARGIN);
        l.acquireNow(0).complete(h, 0);
        RateLimiter.Permit p = l.acquireNow(s(5));
        p.fail(s(7));
        assertThat(l.delayNanos(s(7))).isEqualTo(s(4) + MARGIN);
        p.complete(h, s(100)); // completing twice is ignored
        assertThat(l.delayNanos(s(7))).isEqualTo(s(4) + MARGIN);
    }

    @Test
    void stateResyncAddsHitsTheServerSawButWeDidNot() {
        RateLimiter l = new RateLimiter("p", MARGIN);
        // First response: the server already counts 6 hits in 4 s and 30 in 60 s (another process).
        l.acquireNow(0).complete(headers("p", "client", "8:4:10,40:60:60", "6:4:0,30:60:0"), ms(100));
        // 6 in the 4 s window (5 foreign + ours): two more now, then wait.
        sendAt(l, ms(100), headers("p", "client", "8:4:10,40:60:60", "7:4:0,31:60:0"));
        sendAt(l, ms(100), headers("p", "client", "8:4:10,40:60:60", "8:4:0,32:60:0"));
        assertThat(l.delayNanos(ms(100))).isEqualTo(s(4) + MARGIN);
        // 32 counted in the 60 s window: 8 more fit (after the 4 s window frees). The 24 hits only the
        // 60 s window revealed lay outside the 4 s window, so they are dated 4 s (and the margin) earlier.
        long t = s(4) + ms(100) + MARGIN;
        for (int i = 0; i < 8; i++) {
            sendAt(l, t, headers("p", "client", "8:4:10,40:60:60", (i + 1) + ":4:0," + (33 + i) + ":60:0"));
        }
        assertThat(l.delayNanos(t + s(5))).isEqualTo(ms(100) - s(4) + s(60) - (t + s(5)));
    }

    @Test
    void stateThatMatchesOurLogAddsNothing() {
        RateLimiter l = new RateLimiter("p", MARGIN);
        RateLimitHeaders h1 = headers("p", "client", "3:10:10", "1:10:0");
        l.acquireNow(0).complete(h1, ms(50));
        RateLimiter.Permit a = l.acquireNow(s(1));
        RateLimiter.Permit b = l.acquireNow(s(1));
        // b's response arrives first; the server has seen a too: 3 hits, all ours.
        b.complete(headers("p", "client", "3:10:10", "3:10:0"), s(1.2));
        a.complete(headers("p", "client", "3:10:10", "2:10:0"), s(1.3));
        assertThat(l.delayNanos(s(2))).isEqualTo(ms(50) + s(10) + MARGIN - s(2));
    }

    @Test
    void retryAfterIsHonouredExactlyFromTheResponse() {
        RateLimiter l = new RateLimiter("p", MARGIN);
        l.acquireNow(0).complete(CLIENT, 0);
        RateLimiter.Permit p = l.acquireNow(s(1));
        p.complete(withRetryAfter(headers("river", "client", "8:4:10,40:60:60", "9:4:10,9:60:0"), 10), s(1.5));
        assertThat(l.delayNanos(s(1.5))).isEqualTo(s(10));
        assertThat(l.delayNanos(s(11.5) - 1)).isEqualTo(1);
        assertThat(l.delayNanos(s(11.5))).isZero();
    }

    @Test
    void activeRestrictionInStateBlocks() {
        RateLimiter l = new RateLimiter("p", MARGIN);
        l.acquireNow(0).complete(headers("p", "client", "8:4:10", "9:4:7"), s(1));
        assertThat(l.delayNanos(s(1))).isEqualTo(s(7));
        assertThat(l.delayNanos(s(8))).isZero();
    }

    @Test
    void limitsThatChangeMidRunAreFollowed() {
        RateLimiter l = new RateLimiter("p", MARGIN);
        RateLimitHeaders loose = headers("p", "client", "10:4:10", null);
        l.acquireNow(0).complete(loose, 0);
        sendAt(l, 0, loose);
        sendAt(l, 0, loose);
        assertThat(l.delayNanos(0)).isZero();
        // The server tightens the limit to 2 per 4 s: three hits already, so wait.
        sendAt(l, 0, headers("p", "client", "2:4:10", null));
        assertThat(l.limits().get("client")).containsExactly(new RateWindow(2, 4, 10));
        assertThat(l.delayNanos(0)).isEqualTo(s(4) + MARGIN);
        // A second rule appears with a longer window.
        RateLimitHeaders twoRules = headers("p", "client", "2:4:10", null, "account", "5:30:60", null);
        sendAt(l, s(4) + MARGIN, twoRules);
        assertThat(l.limits()).containsOnlyKeys("client", "account");
        // 5 own hits within 30 s already: the new rule makes us wait for the first to leave 30 s.
        assertThat(l.delayNanos(s(4) + MARGIN)).isEqualTo(s(30) + MARGIN - (s(4) + MARGIN));
        // The limits relax again and the second rule goes away.
        l.acquireNow(s(30) + MARGIN).complete(headers("p", "client", "100:4:10", null), s(30) + MARGIN);
        assertThat(l.limits()).containsOnlyKeys("client");
        assertThat(l.delayNanos(s(30) + MARGIN)).isZero();
    }

    @Test
    void zeroHitWindowBlocksUntilLimitsChange() {
        RateLimiter l = new RateLimiter("p", MARGIN);
        l.acquireNow(0).complete(headers("p", "client", "0:60:60", null), 0);
        assertThat(l.delayNanos(s(1))).isEqualTo(RateLimiter.UNTIL_COMPLETION);
    }

    @Test
    void registrySharesOneLimiterPerPolicy() {
        RateLimiterRegistry reg = new RateLimiterRegistry(MARGIN);
        RateLimiter pc = reg.forEndpoint("river/pc");
        RateLimiter.Permit p = pc.acquireNow(0);
        reg.complete("river/pc", p, headers("stash", "client", "2:10:10", null), ms(10));
        assertThat(reg.forPolicy("stash")).isSameAs(pc);

        // Another endpoint starts with its own probe limiter; its response names the same policy.
        RateLimiter xbox = reg.forEndpoint("river/xbox");
        assertThat(xbox).isNotSameAs(pc);
        RateLimiter.Permit q = xbox.acquireNow(ms(20));
        reg.complete("river/xbox", q, headers("stash", "client", "2:10:10", null), ms(30));
        assertThat(reg.forEndpoint("river/xbox")).isSameAs(pc);
        // Both hits now count against the shared policy.
        assertThat(pc.delayNanos(ms(40))).isEqualTo(ms(10) + s(10) + MARGIN - ms(40));

        RateLimiter cx = reg.forEndpoint("currency-exchange");
        reg.complete("currency-exchange", cx.acquireNow(ms(50)), headers("cx", "client", "5:10:10", null), ms(60));
        assertThat(reg.forPolicy("CX")).isSameAs(cx).isNotSameAs(pc);
    }

    @Test
    void registryIsSharedPerKey() {
        assertThat(RateLimiterRegistry.shared("http://a|id", MARGIN))
                .isSameAs(RateLimiterRegistry.shared("http://a|id", MARGIN))
                .isNotSameAs(RateLimiterRegistry.shared("http://b|id", MARGIN));
    }

    @Test
    void blockedAcquireWakesOnCompletionAndIsInterruptible() throws Exception {
        RateLimiter l = new RateLimiter(null, MARGIN);
        RateLimiter.Permit probe = l.acquire(RateLimiter.Ticker.SYSTEM);
        AtomicReference<Object> result = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Thread waiter = new Thread(() -> {
            try {
                result.set(l.acquire(RateLimiter.Ticker.SYSTEM));
            } catch (InterruptedException e) {
                result.set(e);
            }
            done.countDown();
        });
        waiter.start();
        assertThat(done.await(100, TimeUnit.MILLISECONDS)).isFalse();
        probe.complete(headers("p", "client", "10:10:10", null), System.nanoTime());
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(result.get()).isInstanceOf(RateLimiter.Permit.class);

        Thread blocked = new Thread(() -> {
            try {
                l.acquire(RateLimiter.Ticker.SYSTEM);
                result.set("acquired");
            } catch (InterruptedException e) {
                result.set(e);
            }
        });
        RateLimiter.Permit restricted = ((RateLimiter.Permit) result.get());
        restricted.complete(withRetryAfter(headers("p", "client", "10:10:10", null), 3600), System.nanoTime());
        blocked.start();
        blocked.interrupt();
        blocked.join(5000);
        assertThat(result.get()).isInstanceOf(InterruptedException.class);
    }
}
