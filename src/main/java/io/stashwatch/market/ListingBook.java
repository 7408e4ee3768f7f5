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
 *
 * <p><b>Price order.</b> Beside the state, the book keeps on the heap (transient, not checkpointed)
 * the indexes of its listings in (price, account, item) order ({@link #priceOrder}), from which the
 * estimator reads its ln(price) order without sorting. A new book starts with it (empty) and
 * {@link #put}, {@link #remove}, {@link #evictSeenBefore} and {@link #trimTo} keep it up to date. It
 * is only valid for the arrays and size it was kept for: a book whose arrays or size were set from
 * outside (restored or copied by a serializer) has none, and gets it by a sort the first time it is
 * asked for; so the public arrays are replaced from outside, never written in place (nothing does).
 * The estimator checks the order it reads from it (and sorts when the check fails). Kept with it are Math.log of the prices in that order (one log per put instead of
 * one per listing and estimate) and a lower bound of the listings' {@code seen}, so that
 * {@link #evictSeenBefore} returns at once when there is nothing to evict.
 */
public class ListingBook {
    private static final long[] NO_LONGS = new long[0];
    private static final double[] NO_DOUBLES = new double[0];
    private static final int[] NO_INTS = new int[0];

    public int size;
    public long[] items = NO_LONGS;
    public long[] stashes = NO_LONGS;
    public long[] accounts = NO_LONGS;
    public double[] prices = NO_DOUBLES;
    public long[] seen = NO_LONGS;
    public double[] alerted = NO_DOUBLES;

    /** Indexes 0..size-1 in (price, account, item) order; valid while {@link #orderedFor} is {@link #items} and {@link #orderedSize} is {@link #size}. */
    private transient int[] byPrice;
    /** Math.log of the prices, in {@link #byPrice} order: {@code lnByPrice[q] = Math.log(prices[byPrice[q]])}; kept with it. */
    private transient double[] lnByPrice;
    /** The items array {@link #byPrice} was kept for; null when it is not kept. */
    private transient long[] orderedFor;
    private transient int orderedSize;
    /** At most the smallest {@link #seen} (MAX_VALUE when empty); kept, and valid, with {@link #byPrice}. */
    private transient long seenFloor;

    /** An empty book, with its (empty) price order kept from the start. */
    public ListingBook() {
        byPrice = NO_INTS;
        lnByPrice = NO_DOUBLES;
        seenFloor = Long.MAX_VALUE;
        keptPriceOrder(true);
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
                seenFloor = Math.min(seenFloor, seenAt);
                return i;
            }
            alertedAt = alerted[i];
        }
        boolean ordered = hasPriceOrder();
        if (i >= 0) {
            if (ordered) {
                ordered = dropFromPriceOrder(i);
            }
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
        if (ordered) {
            addToPriceOrder(i);
            seenFloor = Math.min(seenFloor, seenAt);
        }
        keptPriceOrder(ordered);
        return i;
    }

    /**
     * True when listing a comes before listing b in price order: price ({@link Double#compare}),
     * then account, then item. Items are unique in a book, so this is a total order.
     */
    static boolean cheaper(double priceA, long accountA, long itemA, double priceB, long accountB, long itemB) {
        int c = Double.compare(priceA, priceB);
        if (c != 0) {
            return c < 0;
        }
        return accountA != accountB ? accountA < accountB : itemA < itemB;
    }

    /**
     * The indexes of the listings in (price, account, item) order ({@link #cheaper}), in the first
     * {@link #size} entries of the returned array, which belongs to the book (read it, do not keep
     * it past the next change). Sorted when the book has no valid price order, kept up to date after.
     */
    int[] priceOrder() {
        if (!hasPriceOrder()) {
            int[] order = byPrice != null && byPrice.length >= size ? byPrice : new int[Math.max(4, items.length)];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            IndexSort.byPriceAccountItem(order, size, prices, accounts, items, null);
            byPrice = order;
            double[] ln = lnByPrice != null && lnByPrice.length >= size ? lnByPrice : new double[order.length];
            for (int q = 0; q < size; q++) {
                ln[q] = Math.log(prices[order[q]]);
            }
            lnByPrice = ln;
            long floor = Long.MAX_VALUE;
            for (int i = 0; i < size; i++) {
                floor = Math.min(floor, seen[i]);
            }
            seenFloor = floor;
            keptPriceOrder(true);
        }
        return byPrice;
    }

    /** Math.log of the prices in {@link #priceOrder} order (first {@link #size} entries; valid right after priceOrder()). */
    double[] lnByPrice() {
        return lnByPrice;
    }

    private boolean hasPriceOrder() {
        return orderedFor != null && orderedFor == items && orderedSize == size;
    }

    /** After a change: the price order is valid for the arrays and size now when it was kept, else dropped. */
    private void keptPriceOrder(boolean kept) {
        orderedFor = kept ? items : null;
        orderedSize = size;
        if (!kept) {
            byPrice = null;
            lnByPrice = null;
        } else if (byPrice.length > 16 && byPrice.length > 2 * items.length) {
            byPrice = Arrays.copyOf(byPrice, Math.max(size, items.length));
            lnByPrice = Arrays.copyOf(lnByPrice, byPrice.length);
        }
    }

    /**
     * Takes index i out of the price order and renumbers the ones after it (before {@link #close}(i),
     * so listing i is still there to be found by its price, account and item). False, and nothing
     * changed, when it is not found where it belongs (items are unique in a book built by put, so
     * only a restored book holding one item twice could do that): the caller then drops the order.
     */
    private boolean dropFromPriceOrder(int i) {
        int[] order = byPrice;
        int at = priceOrderPosition(prices[i], accounts[i], items[i], size);
        if (at >= size || order[at] != i) {
            return false;
        }
        System.arraycopy(order, at + 1, order, at, size - 1 - at);
        System.arraycopy(lnByPrice, at + 1, lnByPrice, at, size - 1 - at);
        // Minus one for every index above i, without a branch: (i - v) >>> 31 is 1 exactly when v > i.
        for (int q = 0; q < size - 1; q++) {
            int v = order[q];
            order[q] = v - ((i - v) >>> 31);
        }
        return true;
    }

    /** Position in the first n entries of the price order of the first listing not before (price, account, item). */
    private int priceOrderPosition(double price, long account, long item, int n) {
        int[] order = byPrice;
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            int j = order[mid];
            if (cheaper(prices[j], accounts[j], items[j], price, account, item)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Puts index i, just opened and filled, into the price order, renumbering the ones at or after it. */
    private void addToPriceOrder(int i) {
        int n = size - 1;
        if (byPrice.length < size) {
            byPrice = Arrays.copyOf(byPrice, Math.max(size, items.length));
        }
        if (lnByPrice.length < byPrice.length) {
            lnByPrice = Arrays.copyOf(lnByPrice, byPrice.length);
        }
        int[] order = byPrice;
        // Plus one for every index at or above i, without a branch: (i - 1 - v) >>> 31 is 1 exactly when v >= i.
        for (int q = 0; q < n; q++) {
            int v = order[q];
            order[q] = v + ((i - 1 - v) >>> 31);
        }
        int at = priceOrderPosition(prices[i], accounts[i], items[i], n);
        System.arraycopy(order, at, order, at + 1, n - at);
        order[at] = i;
        System.arraycopy(lnByPrice, at, lnByPrice, at + 1, n - at);
        lnByPrice[at] = Math.log(prices[i]);
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

    /**
     * {@link #remove(long, long)} with the stash as its id, hashed only when the book holds the item
     * (most removals are of items it does not hold).
     */
    public boolean remove(long item, String stashId) {
        int i = indexOf(item);
        if (i < 0 || stashes[i] != Hashes.of(stashId)) {
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
        boolean ordered = hasPriceOrder();
        if (ordered && minSeen <= seenFloor) {
            // Every listing was seen at or after the floor, so none before minSeen.
            return 0;
        }
        if (ordered) {
            // New index of each kept listing: how many kept listings precede it. Counted and
            // written in the price order in place before the listings move.
            int[] newIndex = null;
            int k = 0;
            for (int i = 0; i < size; i++) {
                if (seen[i] >= minSeen) {
                    if (newIndex != null) {
                        newIndex[i] = k;
                    }
                    k++;
                } else if (newIndex == null) {
                    newIndex = new int[size];
                    for (int j = 0; j < i; j++) {
                        newIndex[j] = j;
                    }
                }
            }
            if (newIndex != null) {
                int[] order = byPrice;
                double[] ln = lnByPrice;
                int w = 0;
                for (int q = 0; q < size; q++) {
                    int v = order[q];
                    if (seen[v] >= minSeen) {
                        ln[w] = ln[q];
                        order[w++] = newIndex[v];
                    }
                }
            }
        }
        int kept = 0;
        long floor = Long.MAX_VALUE;
        for (int i = 0; i < size; i++) {
            if (seen[i] >= minSeen) {
                floor = Math.min(floor, seen[i]);
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
        seenFloor = floor;
        keptPriceOrder(ordered);
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
        boolean ordered = hasPriceOrder();
        if (ordered) {
            ordered = dropFromPriceOrder(i);
        }
        close(i);
        shrinkIfSparse();
        keptPriceOrder(ordered);
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
