package io.stashwatch.market;

import io.stashwatch.model.EventKind;
import io.stashwatch.model.ListingEvent;
import java.util.ArrayList;
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
        for (ListingEvent e : sorted) {
            long item = Hashes.of(e.itemId);
            long stash = Hashes.of(e.stashId);
            if (e.kind == EventKind.DELISTED) {
                for (Map.Entry<String, ListingBook> b : books.entrySet()) {
                    if (b.getValue().remove(item, stash)) {
                        touched.add(b.getKey());
                    }
                }
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
            for (Map.Entry<String, ListingBook> b : books.entrySet()) {
                if (!b.getKey().equals(target) && b.getValue().remove(item, stash)) {
                    touched.add(b.getKey());
                }
            }
            if (target != null) {
                ListingBook book = books.computeIfAbsent(target, c -> new ListingBook());
                book.put(item, stash, Hashes.of(e.accountName), value, pageTime);
                book.trimTo(maxListings);
                touched.add(target);
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

    private static double rate(Map<String, Double> rates, String currency) {
        Double r = rates.get(currency);
        return r == null ? Double.NaN : r;
    }
}
