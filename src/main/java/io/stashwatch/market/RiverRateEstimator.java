package io.stashwatch.market;

import io.stashwatch.model.EventKind;
import io.stashwatch.model.ListingEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Chaos rates of one league estimated from the river itself: listings of currency items priced in
 * another currency. A {@code Divine Orb} at 180 chaos is a divine sample of 180; a {@code Chaos Orb}
 * at 1/175 divine is a divine sample of 175; an {@code Exalted Orb} at 0.1 divine is an exalted
 * sample of 0.1 × the current divine rate. Each currency keeps a {@link ListingBook} of such samples
 * and its rate is the same robust reference as for items ({@link ReferenceEstimator}: one account
 * one vote, fenced, at least min-samples accounts).
 *
 * <p>Pages are applied whole, in river-time order; conversions within a page use the rates from
 * before it, so the result does not depend on the order events of a page arrive in. The rates
 * after page t are valid from t + 1.
 */
public final class RiverRateEstimator {
    /** {@link #holders} value of an item in more than one book (compared by identity). */
    private static final String SEVERAL = new String("several books");

    private final long window;
    private final int maxPerAccount;
    private final int minSamples;
    private final int maxListings;
    /** Working arrays of the estimates, reused from page to page (one estimator per operator instance, one thread). */
    private final ReferenceEstimator.Scratch scratch = new ReferenceEstimator.Scratch();

    public RiverRateEstimator(long windowMillis, int maxPerAccount, int minSamples, int maxListings) {
        this.window = windowMillis;
        this.maxPerAccount = maxPerAccount;
        this.minSamples = minSamples;
        this.maxListings = maxListings;
    }

    /** True when an event can move a river rate: a listing of a currency item priced in a currency. */
    public static boolean isSample(ListingEvent e) {
        return e.league != null && e.priceCurrency != null && Currencies.fromItemName(e.itemKey) != null;
    }

    /**
     * Applies one page's currency events (any order) of one league.
     *
     * @param pageTime river time of the page
     * @param events   its currency events ({@link #isSample})
     * @param books    sample books per currency, updated in place
     * @param rates    current river rates per currency, updated in place
     * @return the rates that changed, as updates valid from {@code pageTime + 1}
     */
    public List<RateUpdate> applyPage(String league, long pageTime, List<ListingEvent> events,
            Map<String, ListingBook> books, Map<String, Double> rates) {
        List<ListingEvent> sorted = new ArrayList<>(events);
        sorted.sort(Events.PAGE_ORDER);
        TreeSet<String> touched = new TreeSet<>();
        long[] items = new long[sorted.size()];
        for (int i = 0; i < items.length; i++) {
            items[i] = Hashes.of(sorted.get(i).itemId);
        }
        Map<Long, String> holders = holders(books, items);
        for (int i = 0; i < items.length; i++) {
            ListingEvent e = sorted.get(i);
            long item = items[i];
            long stash = Hashes.of(e.stashId);
            if (e.kind == EventKind.DELISTED) {
                removeElsewhere(books, holders, item, stash, null, touched);
                continue;
            }
            String target = null;
            double value = Double.NaN;
            String x = Currencies.fromItemName(e.itemKey);
            String y = e.priceCurrency;
            double a = e.priceAmount;
            if (x != null && a > 0 && !Double.isInfinite(a) && !x.equals(y)) {
                if (x.equals("chaos")) {
                    target = y;
                    value = 1 / a;
                } else if (y.equals("chaos")) {
                    target = x;
                    value = a;
                } else if (rate(rates, y) > 0) {
                    target = x;
                    value = a * rate(rates, y);
                } else if (rate(rates, x) > 0) {
                    target = y;
                    value = rate(rates, x) / a;
                }
            }
            // A reprice into an unusable price removes the old sample.
            String left = removeElsewhere(books, holders, item, stash, target, touched);
            if (target != null) {
                ListingBook book = books.computeIfAbsent(target, c -> new ListingBook());
                book.put(item, stash, Hashes.of(e.accountName), value, pageTime);
                book.trimTo(maxListings);
                touched.add(target);
                holders.put(item, left == null || left.equals(target) ? target : SEVERAL);
            }
        }
        long validFrom = pageTime + 1;
        long from = validFrom - window;
        for (Map.Entry<String, ListingBook> b : books.entrySet()) {
            if (b.getValue().evictSeenBefore(from) > 0) {
                touched.add(b.getKey());
            }
        }
        books.values().removeIf(b -> b.size == 0);
        List<RateUpdate> changed = new ArrayList<>();
        for (String currency : touched) {
            ListingBook book = books.get(currency);
            if (book == null) {
                continue;
            }
            Estimate est = ReferenceEstimator.estimate(book, from, validFrom, maxPerAccount, minSamples, scratch);
            if (!est.hasReference()) {
                continue; // keep the last rate rather than withdraw it on thin evidence
            }
            Double old = rates.get(currency);
            if (old == null || old != est.reference) {
                rates.put(currency, est.reference);
                changed.add(RateUpdate.river(league, currency, est.reference, validFrom, est.samples));
            }
        }
        return changed;
    }

    /**
     * The book that holds the sample of each of the page's {@code items}, by item hash; {@link
     * #SEVERAL} for an item in more than one book. Made once per page (one pass over the books,
     * probing a table of the page's items) and kept up to date by {@link #removeElsewhere} and the
     * puts, so that a delisting or a reprice looks in the one book that holds the item instead of
     * in every book. It may name a book the item has since left (a failed remove costs nothing),
     * but never misses one it is in.
     */
    private static Map<Long, String> holders(Map<String, ListingBook> books, long[] items) {
        Map<Long, String> holders = new HashMap<>();
        if (items.length == 0) {
            return holders;
        }
        // Open addressing over the page's item hashes (0 marks a free slot; the hash 0 is a null id's).
        long[] table = new long[Integer.highestOneBit(items.length * 4 - 1) << 1];
        int mask = table.length - 1;
        boolean zero = false;
        for (long item : items) {
            if (item == 0) {
                zero = true;
                continue;
            }
            int at = slot(item, mask);
            while (table[at] != 0 && table[at] != item) {
                at = (at + 1) & mask;
            }
            table[at] = item;
        }
        for (Map.Entry<String, ListingBook> b : books.entrySet()) {
            ListingBook book = b.getValue();
            for (int i = 0; i < book.size; i++) {
                long item = book.items[i];
                boolean onPage = item == 0 ? zero : false;
                for (int at = slot(item, mask); item != 0 && table[at] != 0; at = (at + 1) & mask) {
                    if (table[at] == item) {
                        onPage = true;
                        break;
                    }
                }
                if (onPage) {
                    holders.merge(item, b.getKey(), (was, now) -> SEVERAL);
                }
            }
        }
        return holders;
    }

    private static int slot(long item, int mask) {
        return (int) (item ^ item >>> 32) & mask;
    }

    /**
     * Removes the sample of {@code item} in {@code stash} from every book but {@code keep}'s
     * (every book when null), noting the books it left in {@code touched}. Returns where the item
     * may still be outside {@code keep}: null for nowhere, else a currency or {@link #SEVERAL}.
     */
    private static String removeElsewhere(Map<String, ListingBook> books, Map<Long, String> holders, long item,
            long stash, String keep, TreeSet<String> touched) {
        String at = holders.get(item);
        if (at == null) {
            return null;
        }
        if (at == SEVERAL) {
            for (Map.Entry<String, ListingBook> b : books.entrySet()) {
                if (!b.getKey().equals(keep) && b.getValue().remove(item, stash)) {
                    touched.add(b.getKey());
                }
            }
            return SEVERAL;
        }
        if (at.equals(keep)) {
            return null;
        }
        ListingBook book = books.get(at);
        if (book != null && book.remove(item, stash)) {
            touched.add(at);
            holders.remove(item);
            return null;
        }
        return at;
    }

    private static double rate(Map<String, Double> rates, String currency) {
        Double r = rates.get(currency);
        return r == null ? Double.NaN : r;
    }
}
