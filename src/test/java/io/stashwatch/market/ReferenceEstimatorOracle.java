package io.stashwatch.market;

import java.util.Arrays;

/**
 * The reference estimate and the newest-accounts selection as first written: every order by a
 * stable sort of the window. The oracle that {@link ReferenceEstimatorOracleTest} holds the faster
 * {@link ReferenceEstimator} (which derives the same orders without most of the sorts) to, bit for bit.
 */
final class ReferenceEstimatorOracle {
    private ReferenceEstimatorOracle() {
    }

    static Estimate estimate(ListingBook book, long from, long to, int maxPerAccount, int minSamples, ReferenceEstimator.Scratch sc) {
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
        double spread = Math.max(1.4826 * weightedMedian(dev, w, m, sortedOrder(dev, m, sc.order, sc.sortTmp)), ReferenceEstimator.MIN_SPREAD);
        double lo = med - ReferenceEstimator.FENCE_LOW * spread;
        double hi = med + ReferenceEstimator.FENCE_HIGH * spread;
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

    static double recent(ListingBook book, long from, long to, int k, ReferenceEstimator.Scratch sc) {
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
        IndexSort.sort(order, n, (a, b) -> newestFirst(book, a, b));
        long[] seenAccounts = new long[k];
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
    /** The newest listing of each of the k most recently listing accounts: sort newest first (ties by item), first per account. */
    static int newestAccounts(ListingBook book, long from, long to, int k, boolean finiteOnly, int[] out) {
        int[] order = new int[book.size];
        int n = 0;
        for (int i = 0; i < book.size; i++) {
            double p = book.prices[i];
            if (book.seen[i] >= from && book.seen[i] < to && p > 0 && !(finiteOnly && Double.isInfinite(p))) {
                order[n++] = i;
            }
        }
        IndexSort.sort(order, n, (a, b) -> newestFirst(book, a, b));
        int found = 0;
        for (int j = 0; j < n && found < k; j++) {
            boolean dup = false;
            for (int q = 0; q < found; q++) {
                dup |= book.accounts[out[q]] == book.accounts[order[j]];
            }
            if (!dup) {
                out[found++] = order[j];
            }
        }
        return found;
    }

    /** Newest first by seen, ties by item (the order the estimator's newest-accounts pass selects in). */
    private static int newestFirst(ListingBook book, int a, int b) {
        int c = Long.compare(book.seen[b], book.seen[a]);
        return c != 0 ? c : Long.compare(book.items[a], book.items[b]);
    }
}
