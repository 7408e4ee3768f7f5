package io.stashwatch.simulator.server;

import io.stashwatch.poe.ratelimit.RateWindow;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Server-side rate limits, enforced exactly: a window of a rule counts the accepted hits that
 * arrived in {@code (t - period, t]}; a request that would make any window exceed its limit is
 * refused and restricts the identity for that window's restriction time, during which every
 * request is refused. Refused requests are not counted as hits.
 */
final class WindowEnforcer {

    /** Outcome of one request: allowed or not, the Retry-After, and the state header of each rule. */
    record Decision(boolean allowed, long retryAfterSeconds, Map<String, String> states) {
    }

    private static final class Track {
        final ArrayDeque<Long> hits = new ArrayDeque<>();
        final Map<Integer, Long> restrictedUntil = new HashMap<>();
    }

    private final Map<String, Track> tracks = new HashMap<>();

    /**
     * @param rules rule name (as sent in headers) to windows
     * @param identities rule name to the identity it limits (client id, IP address)
     */
    synchronized Decision hit(String policy, Map<String, List<RateWindow>> rules, Map<String, String> identities,
            long now) {
        Map<String, Track> byRule = new LinkedHashMap<>();
        long maxRemaining = 0;
        boolean over = false;
        for (Map.Entry<String, List<RateWindow>> rule : rules.entrySet()) {
            Track t = tracks.computeIfAbsent(policy + "|" + rule.getKey().toLowerCase() + "|"
                    + identities.get(rule.getKey()), k -> new Track());
            byRule.put(rule.getKey(), t);
            long longest = 0;
            for (RateWindow w : rule.getValue()) {
                longest = Math.max(longest, w.periodSeconds() * 1_000_000_000L);
            }
            while (!t.hits.isEmpty() && now - t.hits.peekFirst() >= longest) {
                t.hits.removeFirst();
            }
            for (RateWindow w : rule.getValue()) {
                Long until = t.restrictedUntil.get(w.periodSeconds());
                if (until != null && until - now > 0) {
                    maxRemaining = Math.max(maxRemaining, until - now);
                    over = true;
                }
            }
        }
        if (!over) {
            for (Map.Entry<String, List<RateWindow>> rule : rules.entrySet()) {
                Track t = byRule.get(rule.getKey());
                for (RateWindow w : rule.getValue()) {
                    int count = count(t, w, now);
                    if (count + 1 > w.hits()) {
                        over = true;
                        long restriction = w.restrictionSeconds() * 1_000_000_000L;
                        if (restriction > 0) {
                            t.restrictedUntil.put(w.periodSeconds(), now + restriction);
                            maxRemaining = Math.max(maxRemaining, restriction);
                        } else {
                            maxRemaining = Math.max(maxRemaining, untilFree(t, w, now));
                        }
                    }
                }
            }
            if (!over) {
                for (Track t : byRule.values()) {
                    t.hits.addLast(now);
                }
            }
        }
        Map<String, String> states = new LinkedHashMap<>();
        for (Map.Entry<String, List<RateWindow>> rule : rules.entrySet()) {
            Track t = byRule.get(rule.getKey());
            StringBuilder sb = new StringBuilder();
            for (RateWindow w : rule.getValue()) {
                Long until = t.restrictedUntil.get(w.periodSeconds());
                long restricted = until == null || until - now <= 0 ? 0 : ceilSeconds(until - now);
                if (sb.length() > 0) {
                    sb.append(',');
                }
                sb.append(count(t, w, now)).append(':').append(w.periodSeconds()).append(':').append(restricted);
            }
            states.put(rule.getKey(), sb.toString());
        }
        return new Decision(!over, over ? Math.max(1, ceilSeconds(maxRemaining)) : 0, states);
    }

    private static int count(Track t, RateWindow w, long now) {
        long period = w.periodSeconds() * 1_000_000_000L;
        int n = 0;
        for (long h : t.hits) {
            if (now - h < period) {
                n++;
            }
        }
        return n;
    }

    private static long untilFree(Track t, RateWindow w, long now) {
        long period = w.periodSeconds() * 1_000_000_000L;
        int inWindow = count(t, w, now);
        int skip = inWindow - w.hits();
        for (long h : t.hits) {
            if (now - h < period) {
                if (skip-- <= 0) {
                    return h + period - now;
                }
            }
        }
        return period;
    }

    private static long ceilSeconds(long nanos) {
        return (nanos + 999_999_999L) / 1_000_000_000L;
    }
}
