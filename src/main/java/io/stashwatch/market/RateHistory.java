package io.stashwatch.market;

import java.util.Arrays;

/**
 * The known rates of one (league, currency): river versions by river time, plus the newest
 * Currency Exchange rate. A Flink POJO (broadcast state); logic in {@link RateBook}.
 */
public class RateHistory {
    private static final long[] NO_LONGS = new long[0];
    private static final double[] NO_DOUBLES = new double[0];

    /** River versions: valid from (river time ms), ascending, and chaos per unit (NaN = withdrawn). */
    public long[] from = NO_LONGS;
    public double[] chaos = NO_DOUBLES;
    public int n;
    /** Newest Currency Exchange rate (NaN when none), its hour start and end (epoch ms). */
    public double cxChaos = Double.NaN;
    public long cxFrom = Long.MIN_VALUE;
    public long cxUntil = Long.MIN_VALUE;

    public RateHistory() {
    }

    /** Adds a river version; a version with the same start replaces the old one. */
    public void addRiver(long validFrom, double value) {
        int pos = n;
        while (pos > 0 && from[pos - 1] > validFrom) {
            pos--;
        }
        if (pos > 0 && from[pos - 1] == validFrom) {
            chaos[pos - 1] = value;
            return;
        }
        if (n == from.length) {
            int cap = Math.max(4, n * 2);
            from = Arrays.copyOf(from, cap);
            chaos = Arrays.copyOf(chaos, cap);
        }
        System.arraycopy(from, pos, from, pos + 1, n - pos);
        System.arraycopy(chaos, pos, chaos, pos + 1, n - pos);
        from[pos] = validFrom;
        chaos[pos] = value;
        n++;
    }

    /** River rate valid at river time t (the newest version starting at or before t), NaN when none. */
    public double riverAt(long t) {
        for (int i = n - 1; i >= 0; i--) {
            if (from[i] <= t) {
                return chaos[i];
            }
        }
        return Double.NaN;
    }

    /**
     * Drops river versions no event still to be judged can use: everything older than the newest
     * version starting at or before {@code horizon} (the earliest river time still to come).
     */
    public void prune(long horizon) {
        int keepFrom = -1;
        for (int i = n - 1; i >= 0; i--) {
            if (from[i] <= horizon) {
                keepFrom = i;
                break;
            }
        }
        if (keepFrom > 0) {
            System.arraycopy(from, keepFrom, from, 0, n - keepFrom);
            System.arraycopy(chaos, keepFrom, chaos, 0, n - keepFrom);
            n -= keepFrom;
            if (from.length > 16 && n * 4 < from.length) {
                from = Arrays.copyOf(from, Math.max(4, n * 2));
                chaos = Arrays.copyOf(chaos, Math.max(4, n * 2));
            }
        }
    }
}
