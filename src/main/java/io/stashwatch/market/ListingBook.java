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
     * Adds or updates the listing of {@code item}. An existing listing of the same item keeps its
     * alert memory (one alert per listing, wherever it moves within the key).
     *
     * @return its index
     */
    public int put(long item, long stash, long account, double price, long seenAt) {
        int i = indexOf(item);
        if (i < 0) {
            grow(size + 1);
            i = size++;
            items[i] = item;
            alerted[i] = Double.NaN;
        }
        stashes[i] = stash;
        accounts[i] = account;
        prices[i] = price;
        seen[i] = seenAt;
        return i;
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

    /** Removes listings last seen before {@code minSeen}; returns how many. */
    public int evictSeenBefore(long minSeen) {
        int removed = 0;
        for (int i = size - 1; i >= 0; i--) {
            if (seen[i] < minSeen) {
                removeAt(i);
                removed++;
            }
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
        int last = size - 1;
        items[i] = items[last];
        stashes[i] = stashes[last];
        accounts[i] = accounts[last];
        prices[i] = prices[last];
        seen[i] = seen[last];
        alerted[i] = alerted[last];
        size = last;
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
