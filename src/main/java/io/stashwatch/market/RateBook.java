package io.stashwatch.market;

import java.util.HashMap;
import java.util.Map;

/**
 * Chaos rates per (league, currency): which rate converts an event's price, by river time.
 *
 * <ul>
 *   <li>{@code chaos} is 1.</li>
 *   <li>A Currency Exchange rate wins while the event's river time is at most the end of its hour
 *       plus {@code cxMaxAge} (river time follows wall time at the head of the river; a stale or
 *       missing digest falls back to the river).</li>
 *   <li>Otherwise the river version valid at the event's river time: estimated from earlier pages
 *       only, so the same pages convert the same way on every run.</li>
 *   <li>Otherwise none: the price stays NaN (counted, never guessed).</li>
 * </ul>
 * The static methods work on one {@link RateHistory} (what the Flink operator keeps in broadcast
 * state); an instance is a plain map of them for tests and non-Flink callers.
 */
public final class RateBook {
    /** Rate resolved for one conversion. */
    public static final class Rate {
        public static final Rate CHAOS = new Rate(1.0, null);
        public static final Rate NONE = new Rate(Double.NaN, null);

        public final double chaosPerUnit;
        /** cx, river, or null (chaos itself, or no rate). */
        public final String source;

        Rate(double chaosPerUnit, String source) {
            this.chaosPerUnit = chaosPerUnit;
            this.source = source;
        }

        public boolean known() {
            return !Double.isNaN(chaosPerUnit);
        }

        @Override
        public String toString() {
            return chaosPerUnit + "(" + source + ")";
        }
    }

    private final Map<String, RateHistory> histories = new HashMap<>();
    private final long cxMaxAge;

    public RateBook(long cxMaxAgeMillis) {
        this.cxMaxAge = cxMaxAgeMillis;
    }

    /** Key of a (league, currency) in the book. */
    public static String key(String league, String currency) {
        return league + "|" + currency;
    }

    /**
     * Applies an update to a history (created when null) and prunes versions older than
     * {@code horizon}; returns the history to store.
     */
    public static RateHistory apply(RateHistory history, RateUpdate u, long horizon) {
        RateHistory h = history == null ? new RateHistory() : history;
        if (RateUpdate.SOURCE_CX.equals(u.source)) {
            if (u.validFrom >= h.cxFrom) {
                h.cxChaos = u.chaosPerUnit > 0 ? u.chaosPerUnit : Double.NaN;
                h.cxFrom = u.validFrom;
                h.cxUntil = u.validUntil;
            }
        } else {
            h.addRiver(u.validFrom, u.chaosPerUnit > 0 ? u.chaosPerUnit : Double.NaN);
        }
        h.prune(horizon);
        return h;
    }

    /** The rate converting {@code currency} at river time {@code t}, given its history (may be null). */
    public static Rate resolve(String currency, RateHistory h, long t, long cxMaxAge) {
        if ("chaos".equals(currency)) {
            return Rate.CHAOS;
        }
        if (h == null) {
            return Rate.NONE;
        }
        if (h.cxChaos > 0 && t <= saturatedAdd(h.cxUntil, cxMaxAge)) {
            return new Rate(h.cxChaos, RateUpdate.SOURCE_CX);
        }
        double river = h.riverAt(t);
        return river > 0 ? new Rate(river, RateUpdate.SOURCE_RIVER) : Rate.NONE;
    }

    /** Applies an update (see {@link #apply(RateHistory, RateUpdate, long)}). */
    public void add(RateUpdate u, long horizon) {
        String k = key(u.league, u.currency);
        histories.put(k, apply(histories.get(k), u, horizon));
    }

    /** The rate for {@code currency} in {@code league} at river time {@code t}. */
    public Rate rate(String league, String currency, long t) {
        return resolve(currency, histories.get(key(league, currency)), t, cxMaxAge);
    }

    /** Versions kept for a (league, currency), for tests. */
    public int versions(String league, String currency) {
        RateHistory h = histories.get(key(league, currency));
        return h == null ? 0 : h.n;
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? (a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : r;
    }
}
