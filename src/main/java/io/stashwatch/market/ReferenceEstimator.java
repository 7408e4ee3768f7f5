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
        int[] valueAt = new int[0];
        double[] x = new double[0];
        double[] w = new double[0];
        double[] capped = new double[0];
        double[] dev = new double[0];
        double[] kw = new double[0];
        long[] acc = new long[0];
        long[] kacc = new long[0];
        double[] sortedCapped = new double[0];
        int[] recentListings = new int[0];
        double[] recentValues = new double[0];

        /** Makes every array hold at least n (k for the newest-accounts arrays). */
        void ensure(int n, int k) {
            if (idx.length < n) {
                int cap = Math.max(n, idx.length + (idx.length >> 1));
                idx = new int[cap];
                sortTmp = new int[cap];
                order = new int[cap];
                xOrder = new int[cap];
                valueAt = new int[cap];
                x = new double[cap];
                w = new double[cap];
                capped = new double[cap];
                dev = new double[cap];
                sortedCapped = new double[cap];
                kw = new double[cap];
                acc = new long[cap];
                kacc = new long[cap];
            }
            if (recentListings.length < k) {
                recentListings = new int[k];
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

    /**
     * As {@link #estimate(ListingBook, long, long, int, int)}, working in {@code sc}.
     *
     * <p>The result is defined by sorts (listings by account, price, item; the kept values by price,
     * by ln(price) and by their distance from the median, each stable, so ties by index), but
     * normally none is done: each is replaced by a cheaper way to the very same order, exact for the
     * reason given where it is done (and checked where it could fail, sorting then). The
     * floating-point sums walk the values in those orders, so the same orders give the same bits.
     */
    public static Estimate estimate(ListingBook book, long from, long to, int maxPerAccount, int minSamples, Scratch sc) {
        sc.ensure(book.size, 0);
        int n = 0;
        int[] idx = sc.idx;
        int[] valueAt = sc.valueAt;
        // The book is normally kept in (account, price, item) order already (ListingBook), and a window
        // is a subsequence of it, so the grouping sort below is needed only for a book out of order.
        boolean grouped = true;
        for (int i = 0; i < book.size; i++) {
            double p = book.prices[i];
            valueAt[i] = -1;
            if (book.seen[i] >= from && book.seen[i] < to && p > 0 && !Double.isInfinite(p)) {
                if (n > 0 && grouped) {
                    int prev = idx[n - 1];
                    grouped = !ListingBook.precedes(book.accounts[i], p, book.items[i],
                            book.accounts[prev], book.prices[prev], book.items[prev]);
                }
                idx[n++] = i;
            }
        }
        if (n == 0) {
            return Estimate.EMPTY;
        }
        // Group by account, cheapest first within an account, item hash breaks ties: the order
        // (and so the result) does not depend on the order listings entered the book. A stable sort
        // leaves an already ordered array as it is, so skipping it then changes nothing.
        int[] order = idx;
        if (!grouped) {
            IndexSort.byAccountPriceItem(order, n, book.accounts, book.prices, book.items, sc.sortTmp);
        }

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
                int listing = order[start + pos];
                double p = book.prices[listing];
                valueAt[listing] = m;
                capped[m] = p;
                w[m] = 1.0 / c;
                acc[m] = account;
                m++;
            }
            accounts++;
            start = end;
        }

        // x = ln(capped) and x's sorted order (stable, so by (x, index)), both read off the book's price
        // order; the interquartile mean below walks it instead of sorting the survivors.
        int[] xOrder = sc.xOrder;
        if (!xOrderFromPrices(book, valueAt, x, m, xOrder)) {
            for (int j = 0; j < m; j++) {
                x[j] = Math.log(capped[j]);
            }
            sortedOrder(x, m, xOrder, sc.sortTmp);
        }
        double[] sortedCapped = sortedCapped(capped, m, xOrder, sc.sortedCapped);
        double median = quantile(sortedCapped, m, 0.5);
        double p10 = quantile(sortedCapped, m, 0.1);
        double p90 = quantile(sortedCapped, m, 0.9);

        // Fence around the weighted median of ln(price).
        double med = weightedMedian(x, w, m, xOrder);
        double[] dev = sc.dev;
        for (int j = 0; j < m; j++) {
            dev[j] = Math.abs(x[j] - med);
        }
        double spread = Math.max(1.4826 * weightedMedian(dev, w, m, devOrder(x, dev, m, med, xOrder, sc.order, sc.sortTmp)),
                MIN_SPREAD);
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
        int samples = distinctGrouped(kacc, kept);
        double reference = samples >= minSamples ? Math.exp(interquartileMeanOfKept(x, w, xOrder, m, lo, hi, kw, kept)) : Double.NaN;
        return new Estimate(reference, m, accounts, samples, median, p10, p90);
    }

    /**
     * Fills {@code x[0..m)} with the values' Math.log (the book keeps them, {@link ListingBook#lnByPrice},
     * the same function of the same prices, so the same bits) and their order that a stable sort
     * gives, i.e. by (x, index), into {@code out}, read off the book's (price, account, item) order
     * ({@link ListingBook#priceOrder}); on false x is incomplete and the caller computes it:
     * {@code valueAt[i]} is the index of listing i's value in x, -1 when it has none. The values are
     * taken in the book's price order, and ln is monotone (Math.log is semi-monotonic), so their x
     * come non-decreasing. Equal prices come by (account, item), the order the values were numbered
     * in, so by index; but ln maps prices a few ulps apart (the same price converted two ways) to one
     * double, and those come by price. So each value is placed by index among the values of equal x
     * before it (an insertion step, normally none to pass). A value whose x is below the one before,
     * an index seen twice, or not exactly m values found, returns false and the caller sorts; else
     * {@code out} holds m distinct indexes below m strictly ascending in (x, index): a permutation,
     * the unique one a stable sort gives.
     */
    private static boolean xOrderFromPrices(ListingBook book, int[] valueAt, double[] x, int m, int[] out) {
        int[] byPrice = book.priceOrder();
        double[] ln = book.lnByPrice();
        int n = book.size;
        int k = 0;
        int group = 0;
        double lastX = 0;
        for (int q = 0; q < n; q++) {
            int j = valueAt[byPrice[q]];
            if (j < 0) {
                continue;
            }
            if (k == m) {
                return false;
            }
            double xj = ln[q];
            x[j] = xj;
            if (k > 0) {
                int c = Double.compare(lastX, xj);
                if (c > 0) {
                    return false;
                }
                if (c < 0) {
                    group = k;
                }
            }
            int h = k;
            while (h > group && out[h - 1] > j) {
                out[h] = out[h - 1];
                h--;
            }
            if (h > group && out[h - 1] == j) {
                return false;
            }
            out[h] = j;
            k++;
            lastX = xj;
        }
        return k == m;
    }

    /**
     * True when the listings of {@code book} with {@code from <= seen < to} (those {@link #estimate}
     * reads) come from fewer than {@code minSamples} accounts, so that the estimate has no reference
     * (its samples are distinct accounts among them). Counts runs of equal accounts in book order:
     * the book is normally grouped by account, and in any order there are at least as many runs as
     * accounts, so true is always right (false merely means the estimate must be made).
     */
    public static boolean tooFewAccounts(ListingBook book, long from, long to, int minSamples) {
        int runs = 0;
        boolean any = false;
        long last = 0;
        for (int i = 0; i < book.size; i++) {
            double p = book.prices[i];
            if (book.seen[i] >= from && book.seen[i] < to && p > 0 && !Double.isInfinite(p)) {
                long account = book.accounts[i];
                if (!any || account != last) {
                    if (++runs >= minSamples) {
                        return false;
                    }
                    any = true;
                    last = account;
                }
            }
        }
        return true;
    }

    /**
     * The first m values of {@code capped} sorted ascending, into {@code out}. ln is monotone, so
     * x's order (xOrder) usually lists them sorted already; but ln may map two different prices to
     * one double, and then xOrder orders those two by index, not by price. So the result is checked
     * and, if it is not ascending, sorted. A sorted array of given values is unique, so either way it
     * is exactly what sorting {@code capped} gives.
     */
    private static double[] sortedCapped(double[] capped, int m, int[] xOrder, double[] out) {
        boolean ascending = true;
        for (int q = 0; q < m; q++) {
            out[q] = capped[xOrder[q]];
            if (q > 0 && Double.compare(out[q - 1], out[q]) > 0) {
                ascending = false;
            }
        }
        if (!ascending) {
            System.arraycopy(capped, 0, out, 0, m);
            Arrays.sort(out, 0, m);
        }
        return out;
    }

    /**
     * The order of {@code dev[j] = |x[j] − med|} that a stable sort gives, i.e. by (dev, index), into
     * {@code out}, without sorting: below the median (x &lt; med) dev grows as x falls, from the
     * median up it grows with x, so walking xOrder outward from the median gives two ascending runs;
     * merging them (ties by index) gives the order. Equal x values are walked in index order on both
     * sides. The result is checked to be strictly ascending in (dev, index), and such an order is
     * unique, so it is exactly the stable sort's; when the check fails (two different x at the same
     * distance on one side, after rounding) the values are sorted.
     */
    private static int[] devOrder(double[] x, double[] dev, int m, double med, int[] xOrder, int[] out, int[] tmp) {
        int split = 0;
        while (split < m && x[xOrder[split]] < med) {
            split++;
        }
        // Left run (x < med): xOrder from split − 1 down to 0, each group of equal x in its own
        // (ascending index) order. lq is the start of the current group, li the position within it.
        int lEnd = split;
        int lq = groupStart(x, xOrder, lEnd);
        int li = lq;
        int r = split;
        int k = 0;
        while (li < lEnd || r < m) {
            boolean takeLeft;
            if (li >= lEnd) {
                takeLeft = false;
            } else if (r >= m) {
                takeLeft = true;
            } else {
                int a = xOrder[li];
                int b = xOrder[r];
                int c = Double.compare(dev[a], dev[b]);
                takeLeft = c < 0 || c == 0 && a < b;
            }
            if (takeLeft) {
                out[k++] = xOrder[li++];
                if (li == lEnd) {
                    lEnd = lq;
                    lq = groupStart(x, xOrder, lEnd);
                    li = lq;
                }
            } else {
                out[k++] = xOrder[r++];
            }
        }
        for (int q = 1; q < m; q++) {
            int a = out[q - 1];
            int b = out[q];
            int c = Double.compare(dev[a], dev[b]);
            if (c > 0 || c == 0 && a > b) {
                return sortedOrder(dev, m, out, tmp);
            }
        }
        return out;
    }

    /** Start of the run of equal x values in xOrder that ends (exclusive) at {@code end}; 0 when end is 0. */
    private static int groupStart(double[] x, int[] xOrder, int end) {
        if (end == 0) {
            return 0;
        }
        double v = x[xOrder[end - 1]];
        int q = end - 1;
        while (q > 0 && Double.compare(x[xOrder[q - 1]], v) == 0) {
            q--;
        }
        return q;
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
        sc.ensure(0, Math.max(k, 0));
        if (k <= 0) {
            return Double.NaN;
        }
        int[] newest = sc.recentListings;
        int found = newestAccounts(book, from, to, k, true, newest);
        if (found == 0) {
            return Double.NaN;
        }
        double[] v = sc.recentValues;
        for (int j = 0; j < found; j++) {
            v[j] = Math.log(book.prices[newest[j]]);
        }
        Arrays.sort(v, 0, found);
        double mid = found % 2 == 1 ? v[found / 2] : (v[found / 2 - 1] + v[found / 2]) / 2;
        return Math.exp(mid);
    }

    /**
     * The newest listing of each of the {@code k} accounts that listed most recently within
     * {@code from <= seen < to} (and price &gt; 0, finite too when {@code finiteOnly}), newest first
     * (ties by item hash), into {@code out[0..k)}; returns how many (fewer than k when fewer accounts
     * listed).
     *
     * <p>Defined as: sort the window newest first, ties by item (stable), and take the first listing
     * of each account until k accounts. That is the k accounts whose own newest listing is newest,
     * each with that listing, so one pass keeping the best k so far (by account) gives the same
     * listings in the same order without sorting the window: a listing replaces its account's entry
     * only when strictly newer in that order (so among equal keys the earlier index stays, as in the
     * stable sort), and one not newer than the k-th entry cannot be among the first k.
     */
    static int newestAccounts(ListingBook book, long from, long to, int k, boolean finiteOnly, int[] out) {
        int found = 0;
        for (int i = 0; i < book.size; i++) {
            double p = book.prices[i];
            long s = book.seen[i];
            if (s < from || s >= to || !(p > 0) || finiteOnly && Double.isInfinite(p)) {
                continue;
            }
            if (found == k && !newer(book, i, out[k - 1])) {
                continue;
            }
            long account = book.accounts[i];
            int at = -1;
            for (int j = 0; j < found; j++) {
                if (book.accounts[out[j]] == account) {
                    at = j;
                    break;
                }
            }
            int hole;
            if (at >= 0) {
                if (!newer(book, i, out[at])) {
                    continue;
                }
                hole = at;
            } else if (found < k) {
                hole = found++;
            } else {
                hole = k - 1;
            }
            // Move i up from the hole past every entry it is newer than.
            while (hole > 0 && newer(book, i, out[hole - 1])) {
                out[hole] = out[hole - 1];
                hole--;
            }
            out[hole] = i;
        }
        return found;
    }

    /** True when listing a comes strictly before listing b newest first, ties by item. */
    private static boolean newer(ListingBook book, int a, int b) {
        long sa = book.seen[a];
        long sb = book.seen[b];
        return sa != sb ? sa > sb : book.items[a] < book.items[b];
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

    /**
     * Distinct values among the first n, which come grouped (equal values next to each other: the
     * kept values' accounts, in the grouping order), so counting changes counts them.
     */
    private static int distinctGrouped(long[] values, int n) {
        int d = 0;
        for (int j = 0; j < n; j++) {
            if (j == 0 || values[j] != values[j - 1]) {
                d++;
            }
        }
        return d;
    }
}
