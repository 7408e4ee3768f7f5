package io.stashwatch.market;

import java.util.Arrays;

/**
 * The live priced listings of one (league, item key), as parallel primitive arrays: item, stash and
 * account as 64-bit {@link Hashes}, price in chaos per unit, river time the listing was last
 * listed or repriced, and the lowest price it was alerted at (NaN when never).
 *
 * <p>This is the whole state a key's reference price needs: each listing is stored once, and a
 * window is the book filtered by {@code seen} (no copy per window or pane). Listings leave the
 * book when delisted, when their last sighting falls out of the window, or when the book exceeds
 * its size cap (oldest first). A Flink POJO: public fields, no-arg constructor.
 *
 * <p><b>Order.</b> The listings are kept in (account, price, item) order ({@link #precedes}), the
 * order {@link ReferenceEstimator#estimate} groups them in, so the estimate finds them grouped and
 * need not sort. Nothing computed from a book depends on its order (every reader sorts by a total
 * order of its own or only counts), so the order is an optimisation only: a book restored from state
 * written before it was kept (any order) gives the same results; the estimator sorts a book it finds
 * out of order, and such a book is back in order once its older listings have left the window.
 */
public class ListingBook {
    private static final long[] NO_LONGS = new long[0];
    private static final double[] NO_DOUBLES = new double[0];

    public int size;
    public long[] items = NO_LONGS;
    public long[] stashes = NO_LONGS;
    public long[] accounts = NO_LONGS;
    public double[] prices = NO_DOUBLES;
    public long[] seen = NO_LONGS;
    public double[] alerted = NO_DOUBLES;

    public ListingBook() {
    }

    /** Index of the listing of this item, or -1. */
    public int indexOf(long item) {
        for (int i = 0; i < size; i++) {
            if (items[i] == item) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Adds or updates the listing of {@code item}, at its place in (account, price, item) order. An
     * existing listing of the same item keeps its alert memory (one alert per listing, wherever it
     * moves within the key).
     *
     * @return its index
     */
    public int put(long item, long stash, long account, double price, long seenAt) {
        int i = indexOf(item);
        double alertedAt = Double.NaN;
        if (i >= 0) {
            if (accounts[i] == account && Double.compare(prices[i], price) == 0) {
                // Same place in the order.
                stashes[i] = stash;
                seen[i] = seenAt;
                return i;
            }
            alertedAt = alerted[i];
            close(i);
        }
        grow(size + 1);
        i = insertionPoint(account, price, item);
        open(i);
        items[i] = item;
        stashes[i] = stash;
        accounts[i] = account;
        prices[i] = price;
        seen[i] = seenAt;
        alerted[i] = alertedAt;
        return i;
    }

    /**
     * True when listing a comes before listing b in the book's order: account, then price
     * ({@link Double#compare}), then item. Items are unique in a book, so this is a total order.
     */
    static boolean precedes(long accountA, double priceA, long itemA, long accountB, double priceB, long itemB) {
        if (accountA != accountB) {
            return accountA < accountB;
        }
        int c = Double.compare(priceA, priceB);
        return c != 0 ? c < 0 : itemA < itemB;
    }

    /** The first index whose listing comes after (account, price, item) (binary search; any index when out of order). */
    private int insertionPoint(long account, double price, long item) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (precedes(account, price, item, accounts[mid], prices[mid], items[mid])) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** Makes room at index i, moving the listings from i on one up (capacity already grown). */
    private void open(int i) {
        int tail = size - i;
        if (tail > 0) {
            System.arraycopy(items, i, items, i + 1, tail);
            System.arraycopy(stashes, i, stashes, i + 1, tail);
            System.arraycopy(accounts, i, accounts, i + 1, tail);
            System.arraycopy(prices, i, prices, i + 1, tail);
            System.arraycopy(seen, i, seen, i + 1, tail);
            System.arraycopy(alerted, i, alerted, i + 1, tail);
        }
        size++;
    }

    /** Removes index i, moving the listings after it one down (order kept; capacity unchanged). */
    private void close(int i) {
        int tail = size - i - 1;
        if (tail > 0) {
            System.arraycopy(items, i + 1, items, i, tail);
            System.arraycopy(stashes, i + 1, stashes, i, tail);
            System.arraycopy(accounts, i + 1, accounts, i, tail);
            System.arraycopy(prices, i + 1, prices, i, tail);
            System.arraycopy(seen, i + 1, seen, i, tail);
            System.arraycopy(alerted, i + 1, alerted, i, tail);
        }
        size--;
    }

    /**
     * Removes the listing of {@code item} if it is in {@code stash} (a delisting from a stash the
     * item already left must not remove its newer listing elsewhere).
     */
    public boolean remove(long item, long stash) {
        int i = indexOf(item);
        if (i < 0 || stashes[i] != stash) {
            return false;
        }
        removeAt(i);
        return true;
    }

    /** Records that the listing of {@code item} was alerted at {@code price}. */
    public void markAlerted(long item, double price) {
        int i = indexOf(item);
        if (i >= 0 && !(alerted[i] <= price)) {
            alerted[i] = price;
        }
    }

    /** Lowest price the listing of {@code item} was alerted at, NaN when never (or not listed). */
    public double alertedPrice(long item) {
        int i = indexOf(item);
        return i < 0 ? Double.NaN : alerted[i];
    }

    /** Removes listings last seen before {@code minSeen} (the others keep their order); returns how many. */
    public int evictSeenBefore(long minSeen) {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (seen[i] >= minSeen) {
                if (kept != i) {
                    items[kept] = items[i];
                    stashes[kept] = stashes[i];
                    accounts[kept] = accounts[i];
                    prices[kept] = prices[i];
                    seen[kept] = seen[i];
                    alerted[kept] = alerted[i];
                }
                kept++;
            }
        }
        int removed = size - kept;
        if (removed > 0) {
            size = kept;
            shrinkIfSparse();
        }
        return removed;
    }

    /** Keeps at most {@code max} listings, dropping the least recently seen (ties: larger item hash). */
    public int trimTo(int max) {
        int removed = 0;
        while (size > max) {
            int oldest = 0;
            for (int i = 1; i < size; i++) {
                if (seen[i] < seen[oldest] || seen[i] == seen[oldest] && items[i] > items[oldest]) {
                    oldest = i;
                }
            }
            removeAt(oldest);
            removed++;
        }
        return removed;
    }

    private void removeAt(int i) {
        close(i);
        shrinkIfSparse();
    }

    private void shrinkIfSparse() {
        if (size == 0 || size * 4 < items.length && items.length > 16) {
            shrink();
        }
    }

    private void grow(int needed) {
        if (needed <= items.length) {
            return;
        }
        int cap = Math.max(4, Math.max(needed, items.length + (items.length >> 1)));
        items = Arrays.copyOf(items, cap);
        stashes = Arrays.copyOf(stashes, cap);
        accounts = Arrays.copyOf(accounts, cap);
        prices = Arrays.copyOf(prices, cap);
        seen = Arrays.copyOf(seen, cap);
        alerted = Arrays.copyOf(alerted, cap);
    }

    private void shrink() {
        int cap = size == 0 ? 0 : Math.max(4, size * 2);
        items = cap == 0 ? NO_LONGS : Arrays.copyOf(items, cap);
        stashes = cap == 0 ? NO_LONGS : Arrays.copyOf(stashes, cap);
        accounts = cap == 0 ? NO_LONGS : Arrays.copyOf(accounts, cap);
        prices = cap == 0 ? NO_DOUBLES : Arrays.copyOf(prices, cap);
        seen = cap == 0 ? NO_LONGS : Arrays.copyOf(seen, cap);
        alerted = cap == 0 ? NO_DOUBLES : Arrays.copyOf(alerted, cap);
    }

    @Override
    public String toString() {
        return "ListingBook{size=" + size + "}";
    }
}
