package io.stashwatch.market;

import io.stashwatch.model.Alert;
import io.stashwatch.model.AlertKind;
import io.stashwatch.model.EventKind;
import io.stashwatch.model.ListingEvent;
import io.stashwatch.model.PriceStat;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Detection for one (league, item key), one complete page or one window end at a time: the pure
 * core that the Flink operator wraps.
 *
 * <p><b>What the reference is computed over.</b> The key's live listings (listed or repriced, not
 * delisted since; rare and magic items excluded; with a chaos price) whose last listing or reprice
 * falls in the window: for a page at river time t, [t − window, t), so only earlier pages; for
 * the window ending at E, [E − window, E). Each account contributes at most max-per-account
 * listings; {@link ReferenceEstimator} fences and averages them. Listings leave the book when
 * delisted, when they fall out of the window, or (oldest first) beyond maxListingsPerKey.
 *
 * <p><b>A page</b> ({@link #page}): convert every event's price to chaos with the rates valid at
 * t, judge the listed/repriced events against the book as it was before the page
 * ({@link UnderpricedJudge}), then apply the page to the book in {@link Events#PAGE_ORDER}.
 *
 * <p><b>A window end</b> ({@link #window}): one {@link PriceStat} row and the
 * {@link ShiftTracker} step.
 */
public final class KeyDetector implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Converts a currency at a river time. */
    @FunctionalInterface
    public interface Rates {
        RateBook.Rate rate(String currency, long riverTime);
    }

    /** What one page produced. */
    public static final class PageResult {
        public final List<Alert> alerts = new ArrayList<>();
        /** Verdict counts by {@link Verdict#ordinal()}. */
        public final int[] verdicts = new int[Verdict.values().length];
        /** Events whose price could not be converted (unknown currency or no rate yet). */
        public int withoutRate;
    }

    /** What one window end produced: the price_stats row (null when the key has no listings) and a shift. */
    public static final class WindowResult {
        public PriceStat stat;
        public Alert shift;
    }

    private final long window;
    private final long slide;
    private final int minSamples;
    private final int maxPerAccount;
    private final double shiftRatio;
    private final int recentAccounts;
    private final int maxListings;
    private final double minReference;
    private final int shiftMinSamples;
    private final UnderpricedJudge judge;
    /** Working arrays of the estimator, reused across keys and pages (one detector per operator instance). */
    private transient ReferenceEstimator.Scratch scratch;

    /** A detector with the default price floor and shift sample count ({@link #DEFAULT_MIN_REFERENCE_CHAOS}, 2 × minSamples). */
    public KeyDetector(long windowMillis, long slideMillis, int minSamples, int maxPerAccount, double underpricedRatio,
            double shiftRatio, int recentAccounts, int maxListingsPerKey) {
        this(windowMillis, slideMillis, minSamples, maxPerAccount, underpricedRatio, shiftRatio, recentAccounts,
                maxListingsPerKey, DEFAULT_MIN_REFERENCE_CHAOS, 2 * minSamples);
    }

    /** Default of {@code minReferenceChaos}: below 5 chaos a "steal" saves a few chaos and prices move in whole-chaos steps. */
    public static final double DEFAULT_MIN_REFERENCE_CHAOS = 5.0;

    /**
     * @param minReferenceChaos keys whose reference is below this are not judged (no underpriced alert,
     *                          no price shift): at a few chaos a listing at half price saves next to
     *                          nothing, and prices move in whole-chaos steps (1 → 1.5 is rounding, not a shift)
     * @param shiftMinSamples   distinct accounts both windows of a price shift need (at least minSamples):
     *                          a thin key's reference is too noisy to call a 1.5x move
     */
    public KeyDetector(long windowMillis, long slideMillis, int minSamples, int maxPerAccount, double underpricedRatio,
            double shiftRatio, int recentAccounts, int maxListingsPerKey, double minReferenceChaos, int shiftMinSamples) {
        this.window = windowMillis;
        this.slide = slideMillis;
        this.minSamples = minSamples;
        this.maxPerAccount = maxPerAccount;
        this.shiftRatio = shiftRatio;
        this.recentAccounts = recentAccounts;
        this.maxListings = maxListingsPerKey;
        this.minReference = minReferenceChaos;
        this.shiftMinSamples = Math.max(minSamples, shiftMinSamples);
        this.judge = new UnderpricedJudge(underpricedRatio, maxPerAccount, recentAccounts);
    }

    /** The first window end after river time t (windows are aligned to multiples of the slide). */
    public long windowEndAfter(long t) {
        return Math.floorDiv(t, slide) * slide + slide;
    }

    /**
     * Processes one complete page of this key: converts prices in place (priceChaos,
     * prevPriceChaos, rateSource), judges, applies. {@code events} is reordered into
     * {@link Events#PAGE_ORDER}.
     */
    public PageResult page(KeyState s, long t, List<ListingEvent> events, Rates rates) {
        PageResult result = new PageResult();
        if (events.isEmpty()) {
            return result;
        }
        events.sort(Events.PAGE_ORDER);
        Rates pageRates = new PageRates(rates);
        for (ListingEvent e : events) {
            if (!normalise(e, t, pageRates)) {
                result.withoutRate++;
            }
        }
        if (s.league == null) {
            ListingEvent first = events.get(0);
            s.realm = first.realm;
            s.league = first.league;
            s.itemKey = first.itemKey;
        }
        long from = t - window;
        s.book.evictSeenBefore(from);
        Estimate est = Estimate.EMPTY;
        double reference = Double.NaN;
        boolean allFair = false;
        // A book of fewer than minSamples accounts has no reference: the verdicts are then the same
        // as with an estimate made (judging reads only whether there is a reference), so none is made.
        if (anyCandidate(events) && !ReferenceEstimator.tooFewAccounts(s.book, from, t, minSamples)) {
            double recent = ReferenceEstimator.recent(s.book, from, t, recentAccounts, scratch());
            // The reference is at most the recent median (UnderpricedJudge.judgeReference), so a page
            // whose every candidate asks more than ratio × that median has no underpriced listing
            // whatever the window's estimate: it is judged fair without making one (most pages).
            allFair = !judge.anyCandidateAtOrBelowCeiling(events, recent);
            if (!allFair) {
                est = ReferenceEstimator.estimate(s.book, from, t, maxPerAccount, minSamples, scratch());
                reference = UnderpricedJudge.judgeReference(est, recent);
                if (est.hasReference() && est.reference < minReference) {
                    est = Estimate.EMPTY;
                    reference = Double.NaN;
                }
            }
        }
        // Each event's hashes once, for judging and applying. Stash and account are read only of
        // a listing that may be judged or enter the book (a delisting or a rare item's event only
        // leaves it, and apply hashes its stash when the item is there).
        int size = events.size();
        long[] items = new long[size];
        long[] stashes = new long[size];
        long[] accounts = new long[size];
        for (int i = 0; i < size; i++) {
            ListingEvent e = events.get(i);
            items[i] = Hashes.of(e.itemId);
            if (mayEnter(e)) {
                stashes[i] = Hashes.of(e.stashId);
                accounts[i] = Hashes.of(e.accountName);
            }
        }
        List<Verdict> verdicts = allFair ? UnderpricedJudge.judgeAllFair(events)
                : judge.judge(s.book, from, t, est, reference, events, items, accounts);
        for (int i = 0; i < events.size(); i++) {
            Verdict v = verdicts.get(i);
            result.verdicts[v.ordinal()]++;
            if (v == Verdict.ALERT) {
                result.alerts.add(underpriced(events.get(i), reference, est.samples));
            }
        }
        for (int i = 0; i < events.size(); i++) {
            apply(s.book, events.get(i), items[i], stashes[i], accounts[i], t, verdicts.get(i) == Verdict.ALERT);
        }
        s.book.trimTo(maxListings);
        ListingEvent any = events.get(0);
        s.lastPageTime = t;
        s.lastChangeId = any.changeId;
        s.lastSeq = any.seq;
        s.lastFetchedAt = any.fetchedAt;
        if (s.nextWindowEnd == KeyState.NONE && s.book.size > 0) {
            s.nextWindowEnd = windowEndAfter(t);
        }
        return result;
    }

    /**
     * Reports the window ending at {@code end} (all pages before it applied, none after): evicts
     * listings that fell out of it, returns its price_stats row and a confirmed shift.
     */
    public WindowResult window(KeyState s, long end) {
        WindowResult r = new WindowResult();
        long from = end - window;
        s.book.evictSeenBefore(from);
        if (s.book.size == 0) {
            return r;
        }
        Estimate est = ReferenceEstimator.estimate(s.book, from, end, maxPerAccount, minSamples, scratch());
        PriceStat stat = new PriceStat();
        stat.realm = s.realm;
        stat.league = s.league;
        stat.itemKey = s.itemKey;
        stat.windowEnd = end;
        stat.listings = est.listings;
        stat.accounts = est.accounts;
        stat.medianChaos = est.median;
        stat.p10Chaos = est.p10;
        stat.p90Chaos = est.p90;
        stat.referenceChaos = est.reference;
        r.stat = stat;
        // Shifts are called on well-traded keys above the price floor only (both windows: the baseline is
        // recorded only from such windows).
        boolean shiftable = est.hasReference() && est.samples >= shiftMinSamples && est.reference >= minReference;
        // The recent median is read only for a shiftable key (most window ends of most keys are not).
        double recent = shiftable ? ReferenceEstimator.recent(s.book, from, end, recentAccounts, scratch()) : Double.NaN;
        ShiftTracker.Shift shift = s.shift.update(end, shiftable ? est.reference : Double.NaN, recent, window, slide,
                shiftRatio);
        if (shift != null) {
            r.shift = priceShift(s, end, shift, est.samples);
        }
        return r;
    }

    private static boolean anyCandidate(List<ListingEvent> events) {
        for (ListingEvent e : events) {
            if (UnderpricedJudge.isCandidate(e)) {
                return true;
            }
        }
        return false;
    }

    private ReferenceEstimator.Scratch scratch() {
        if (scratch == null) {
            scratch = new ReferenceEstimator.Scratch();
        }
        return scratch;
    }

    /**
     * The rates of one page: a page's events are all converted at the page's river time and rates
     * do not change while a page is processed, so each (currency, time) is looked up once and
     * remembered (a page of a key names a handful of currencies).
     */
    private static final class PageRates implements Rates {
        private static final int MAX = 8;
        private final Rates rates;
        private final String[] currencies = new String[MAX];
        private final long[] times = new long[MAX];
        private final RateBook.Rate[] resolved = new RateBook.Rate[MAX];
        private int size;

        PageRates(Rates rates) {
            this.rates = rates;
        }

        @Override
        public RateBook.Rate rate(String currency, long riverTime) {
            for (int i = 0; i < size; i++) {
                if (times[i] == riverTime && currencies[i].equals(currency)) {
                    return resolved[i];
                }
            }
            RateBook.Rate r = rates.rate(currency, riverTime);
            if (size < MAX) {
                currencies[size] = currency;
                times[size] = riverTime;
                resolved[size] = r;
                size++;
            }
            return r;
        }
    }

    /** Converts the event's prices at river time t; false when its price has no rate. */
    static boolean normalise(ListingEvent e, long t, Rates rates) {
        RateBook.Rate rate = e.priceCurrency == null ? RateBook.Rate.NONE : rates.rate(e.priceCurrency, t);
        e.priceChaos = rate.known() && e.priceAmount > 0 ? e.priceAmount * rate.chaosPerUnit : Double.NaN;
        e.rateSource = rate.known() ? rate.source : null;
        if (e.prevPriceCurrency != null) {
            RateBook.Rate prev = rates.rate(e.prevPriceCurrency, t);
            e.prevPriceChaos = prev.known() && e.prevPriceAmount > 0 ? e.prevPriceAmount * prev.chaosPerUnit : Double.NaN;
        } else {
            e.prevPriceChaos = Double.NaN;
        }
        return e.priceCurrency == null || rate.known();
    }

    /**
     * Whether an event may be judged or put in the book: neither a delisting nor of a rare or magic
     * item (a superset of {@link UnderpricedJudge#isCandidate} and of the events {@link #apply} puts).
     */
    private static boolean mayEnter(ListingEvent e) {
        return e.kind != EventKind.DELISTED && !UnderpricedJudge.isRareOrMagic(e);
    }

    /**
     * Applies one event to the book; item is its {@link Hashes#of} hash, and so are stash and
     * account where {@link #mayEnter} (else 0: read from the event when needed).
     */
    private static void apply(ListingBook book, ListingEvent e, long item, long stash, long account, long t, boolean alerted) {
        if (!mayEnter(e)) {
            book.remove(item, e.stashId);
            return;
        }
        if (e.itemKey == null || !(e.priceChaos > 0) || Double.isInfinite(e.priceChaos)) {
            book.remove(item, stash);
            return;
        }
        book.put(item, stash, account, e.priceChaos, t);
        if (alerted) {
            book.markAlerted(item, e.priceChaos);
        }
    }

    private static Alert underpriced(ListingEvent e, double reference, int samples) {
        return Alert.underpriced(e, AlertIds.underpriced(e.itemId, e.changeId), reference, samples);
    }

    private static Alert priceShift(KeyState s, long end, ShiftTracker.Shift shift, int samples) {
        Alert a = new Alert();
        a.alertId = AlertIds.priceShift(s.realm, s.league, s.itemKey, end);
        a.kind = AlertKind.PRICE_SHIFT;
        a.realm = s.realm;
        a.league = s.league;
        a.itemKey = s.itemKey;
        a.priceChaos = shift.newReference;
        a.referenceChaos = shift.oldReference;
        a.samples = samples;
        a.changeId = s.lastChangeId;
        a.seq = s.lastSeq;
        a.riverTime = end;
        a.fetchedAt = s.lastFetchedAt;
        return a;
    }
}
