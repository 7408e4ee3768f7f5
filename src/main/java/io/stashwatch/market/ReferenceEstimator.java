package io.stashwatch.market;

import java.util.Arrays;

/**
 * Robust reference prices over a {@link ListingBook} window.
 *
 * <p>poewatch (the longest-running public price index for PoE) prices an item from its live
 * listings of recently active accounts: it trims the lowest and highest 10 %, then drops values
 * outside mean − 2σ … mean + 1.2σ and reports the mean/median of the rest. Two weaknesses: every
 * listing is a vote, so one account posting fifty listings owns the result; and mean and σ are
 * themselves dragged by the outliers they are meant to remove. This estimator differs in both:
 *
 * <ol>
 *   <li><b>One account, one vote.</b> An account contributes at most {@code maxPerAccount}
 *       listings, picked evenly across its own price range (not its cheapest), and its values
 *       share a total weight of 1. A price fixer with many fake listings is one voice.</li>
 *   <li><b>Fence from median and MAD, in log space.</b> Prices are multiplicative, so the fence
 *       works on ln(price): keep values within median − 3·s … median + 2.5·s where s is the
 *       account-weighted MAD scaled to σ (1.4826·MAD), at least 0.05 (5 %) so a market where
 *       everybody asks the same price still rejects a listing at half of it. Median and MAD break
 *       down only at 50 % contamination. The upper side is tighter, as in poewatch: asks that
 *       never sell are common, real listings far below the market are rare.</li>
 *   <li><b>Enough independent evidence.</b> The key has a reference only when at least
 *       {@code minSamples} distinct accounts survive the fence.</li>
 *   <li><b>Reference = account-weighted interquartile mean</b> (of ln price) of the survivors:
 *       as robust as the median against what is left and much less jumpy on thin keys.</li>
 * </ol>
 *
 * <p>{@link #recent} is the fast companion used for judging: the median of the newest listing of
 * each of the {@code k} accounts that listed most recently. It follows a real crash (many distinct
 * accounts listing at the new price) within a few listings, while one account, however often it
 * reprices, is only one of the k.
 */
public final class ReferenceEstimator {
    /** Fence below the median, in scaled-MAD units of ln(price). */
    public static final double FENCE_LOW = 3.0;
    /** Fence above the median. */
    public static final double FENCE_HIGH = 2.5;
    /** Smallest spread (ln units) the fence assumes. */
    public static final double MIN_SPREAD = 0.05;

    private ReferenceEstimator() {
    }

    /**
     * Working arrays for {@link #estimate} and {@link #recent}, grown on demand and reused from call
     * to call, so judging a page allocates nothing but its result. Each call overwrites what it
     * reads before reading it, so leftovers of an earlier call never matter. Not thread-safe: one
     * per detector (one per operator instance).
     */
    public static final class Scratch {
        int[] idx = new int[0];
        int[] sortTmp = new int[0];
        int[] order = new int[0];
        int[] xOrder = new int[0];
        double[] x = new double[0];
        double[] w = new double[0];
        double[] capped = new double[0];
        double[] dev = new double[0];
        double[] kw = new double[0];
        long[] acc = new long[0];
        long[] kacc = new long[0];
        long[] recentAccounts = new long[0];
        double[] recentValues = new double[0];

        /** Makes every array hold at least n (k for the newest-accounts arrays). */
        void ensure(int n, int k) {
            if (idx.length < n) {
                int cap = Math.max(n, idx.length + (idx.length >> 1));
                idx = new int[cap];
                sortTmp = new int[cap];
                order = new int[cap];
                xOrder = new int[cap];
                x = new double[cap];
                w = new double[cap];
                capped = new double[cap];
                dev = new double[cap];
                kw = new double[cap];
                acc = new long[cap];
                kacc = new long[cap];
            }
            if (recentAccounts.length < k) {
                recentAccounts = new long[k];
                recentValues = new double[k];
            }
        }
    }

    /**
     * Estimates over the listings of {@code book} with {@code from <= seen < to}.
     *
     * @param maxPerAccount listings one account may contribute (detect.max-per-account)
     * @param minSamples    distinct accounts needed for a reference (detect.min-samples)
     */
    public static Estimate estimate(ListingBook book, long from, long to, int maxPerAccount, int minSamples) {
        return estimate(book, from, to, maxPerAccount, minSamples, new Scratch());
    }

    /** As {@link #estimate(ListingBook, long, long, int, int)}, working in {@code sc}. */
    public static Estimate estimate(ListingBook book, long from, long to, int maxPerAccount, int minSamples, Scratch sc) {
        sc.ensure(book.size, 0);
        int n = 0;
        int[] idx = sc.idx;
        for (int i = 0; i < book.size; i++) {
            double p = book.prices[i];
            if (book.seen[i] >= from && book.seen[i] < to && p > 0 && !Double.isInfinite(p)) {
                idx[n++] = i;
            }
        }
        if (n == 0) {
            return Estimate.EMPTY;
        }
        // Group by account, cheapest first within an account, item hash breaks ties: the order
        // (and so the result) does not depend on the order listings entered the book.
        int[] order = idx;
        IndexSort.byAccountPriceItem(order, n, book.accounts, book.prices, book.items, sc.sortTmp);

        double[] x = sc.x;
        double[] w = sc.w;
        long[] acc = sc.acc;
        double[] capped = sc.capped;
        int m = 0;
        int accounts = 0;
        int start = 0;
        while (start < n) {
            int end = start;
            long account = book.accounts[order[start]];
            while (end < n && book.accounts[order[end]] == account) {
                end++;
            }
            int k = end - start;
            int c = Math.min(k, Math.max(1, maxPerAccount));
            for (int j = 0; j < c; j++) {
                int pos = c == k ? j : (int) Math.floor((j + 0.5) * k / c);
                double p = book.prices[order[start + pos]];
                capped[m] = p;
                x[m] = Math.log(p);
                w[m] = 1.0 / c;
                acc[m] = account;
                m++;
            }
            accounts++;
            start = end;
        }

        // capped is not read again: sort it in place.
        double[] sortedCapped = capped;
        Arrays.sort(sortedCapped, 0, m);
        double median = quantile(sortedCapped, m, 0.5);
        double p10 = quantile(sortedCapped, m, 0.1);
        double p90 = quantile(sortedCapped, m, 0.9);

        // Fence around the weighted median of ln(price).
        // x's sorted order is kept: the interquartile mean below walks it instead of sorting the survivors.
        int[] xOrder = sc.xOrder;
        sortedOrder(x, m, xOrder, sc.sortTmp);
        double med = weightedMedian(x, w, m, xOrder);
        double[] dev = sc.dev;
        for (int j = 0; j < m; j++) {
            dev[j] = Math.abs(x[j] - med);
        }
        double spread = Math.max(1.4826 * weightedMedian(dev, w, m, sortedOrder(dev, m, sc.order, sc.sortTmp)), MIN_SPREAD);
        double lo = med - FENCE_LOW * spread;
        double hi = med + FENCE_HIGH * spread;
        double[] kw = sc.kw;
        long[] kacc = sc.kacc;
        int kept = 0;
        for (int j = 0; j < m; j++) {
            if (x[j] >= lo && x[j] <= hi) {
                kw[kept] = w[j];
                kacc[kept] = acc[j];
                kept++;
            }
        }
        int samples = distinct(kacc, kept);
        double reference = samples >= minSamples ? Math.exp(interquartileMeanOfKept(x, w, xOrder, m, lo, hi, kw, kept)) : Double.NaN;
        return new Estimate(reference, m, accounts, samples, median, p10, p90);
    }

    /**
     * Median of the newest listing of each of the {@code k} accounts that listed most recently
     * within {@code from <= seen < to} (ties by item hash); NaN when the window is empty. With
     * fewer than {@code k} accounts, all of them.
     */
    public static double recent(ListingBook book, long from, long to, int k) {
        return recent(book, from, to, k, new Scratch());
    }

    /** As {@link #recent(ListingBook, long, long, int)}, working in {@code sc}. */
    public static double recent(ListingBook book, long from, long to, int k, Scratch sc) {
        sc.ensure(book.size, Math.max(k, 0));
        int n = 0;
        int[] order = sc.idx;
        for (int i = 0; i < book.size; i++) {
            double p = book.prices[i];
            if (book.seen[i] >= from && book.seen[i] < to && p > 0 && !Double.isInfinite(p)) {
                order[n++] = i;
            }
        }
        if (n == 0 || k <= 0) {
            return Double.NaN;
        }
        IndexSort.bySeenDescItem(order, n, book.seen, book.items, sc.sortTmp);
        long[] seenAccounts = sc.recentAccounts;
        double[] values = sc.recentValues;
        int found = 0;
        for (int j = 0; j < n && found < k; j++) {
            long account = book.accounts[order[j]];
            boolean dup = false;
            for (int a = 0; a < found; a++) {
                if (seenAccounts[a] == account) {
                    dup = true;
                    break;
                }
            }
            if (!dup) {
                seenAccounts[found] = account;
                values[found] = Math.log(book.prices[order[j]]);
                found++;
            }
        }
        double[] v = values;
        Arrays.sort(v, 0, found);
        double mid = found % 2 == 1 ? v[found / 2] : (v[found / 2 - 1] + v[found / 2]) / 2;
        return Math.exp(mid);
    }

    /** Linear-interpolated quantile of sorted values. */
    static double quantile(double[] sorted, double q) {
        return quantile(sorted, sorted.length, q);
    }

    /** Linear-interpolated quantile of the first n sorted values. */
    static double quantile(double[] sorted, int n, double q) {
        if (n == 0) {
            return Double.NaN;
        }
        double pos = q * (n - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, n - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    /** Weighted median of the first n values (midpoint when the half falls exactly between two). */
    static double weightedMedian(double[] values, double[] weights, int n) {
        return weightedMedian(values, weights, n, sortedOrder(values, n, new int[n], null));
    }

    /** As {@link #weightedMedian(double[], double[], int)}, with {@code order} the values' {@link #sortedOrder}. */
    private static double weightedMedian(double[] values, double[] weights, int n, int[] order) {
        double total = 0;
        for (int j = 0; j < n; j++) {
            total += weights[j];
        }
        double half = total / 2;
        double cum = 0;
        for (int j = 0; j < n; j++) {
            cum += weights[order[j]];
            if (Math.abs(cum - half) <= 1e-9 * total && j + 1 < n) {
                return (values[order[j]] + values[order[j + 1]]) / 2;
            }
            if (cum > half) {
                return values[order[j]];
            }
        }
        return values[order[n - 1]];
    }

    /**
     * Weighted mean, between the weighted 25th and 75th percentiles, of the values {@code x[j]}
     * within [lo, hi] (their weights {@code keptWeights[0..kept)} in index order), without sorting
     * them again: {@code xOrder} is {@link #sortedOrder} of {@code x[0..m)}. That sort is stable and
     * starts from the identity, so it orders by (value, index); the kept values keep their relative
     * order, so their own sorted order is exactly xOrder with the others skipped.
     */
    private static double interquartileMeanOfKept(double[] x, double[] w, int[] xOrder, int m, double lo, double hi,
            double[] keptWeights, int kept) {
        double total = 0;
        for (int j = 0; j < kept; j++) {
            total += keptWeights[j];
        }
        double qlo = 0.25 * total;
        double qhi = 0.75 * total;
        double cum = 0;
        double sum = 0;
        for (int q = 0; q < m; q++) {
            int j = xOrder[q];
            if (!(x[j] >= lo && x[j] <= hi)) {
                continue;
            }
            double wj = w[j];
            double overlap = Math.min(cum + wj, qhi) - Math.max(cum, qlo);
            if (overlap > 0) {
                sum += overlap * x[j];
            }
            cum += wj;
        }
        return sum / (qhi - qlo);
    }

    /** Fills {@code order[0..n)} with 0..n-1 sorted by value (stable: ties by index) and returns it. */
    private static int[] sortedOrder(double[] values, int n, int[] order, int[] tmp) {
        for (int j = 0; j < n; j++) {
            order[j] = j;
        }
        IndexSort.byValue(order, n, values, tmp);
        return order;
    }

    /** Distinct values among the first n; sorts them in place (callers do not read them again). */
    private static int distinct(long[] values, int n) {
        long[] copy = values;
        Arrays.sort(copy, 0, n);
        int d = 0;
        for (int j = 0; j < n; j++) {
            if (j == 0 || copy[j] != copy[j - 1]) {
                d++;
            }
        }
        return d;
    }
}
