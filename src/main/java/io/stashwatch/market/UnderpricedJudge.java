package io.stashwatch.market;

import io.stashwatch.model.EventKind;
import io.stashwatch.model.ListingEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Judges the listed and repriced events of one page of one key against that key's book as it was
 * before the page (so a cheap listing never drags down the reference it is judged against, and
 * the result does not depend on the order events of the page arrive in).
 *
 * <p>A listing is underpriced when {@code price_chaos <= ratio × reference}, where reference is the
 * lower of the window's robust reference and the median of the newest k accounts
 * ({@link ReferenceEstimator#recent}). Not alerted, even then:
 * <ul>
 *   <li>rare and magic items, events without a chaos price, keys without a reference;</li>
 *   <li>a listing already alerted at this price or lower (a reprice re-alerts only on a further drop);</li>
 *   <li>listings of an account holding more than {@code maxPerAccount} cheap listings of the key
 *       (counting those of this page): a price fixer's fakes are not steals;</li>
 *   <li>a listing that another, non-fixing account corroborates: one of the newest k accounts of
 *       the book asks about the same low price (within 25 %), or another account in the same page
 *       asks a cheap price at the same level (neither ask would be a steal if the other were the
 *       market). After a real crash the second seller at the new price is the market, not a second
 *       steal; two sellers at the new level in one page are a new market, not two steals.</li>
 * </ul>
 */
public final class UnderpricedJudge {
    /** A cheap ask corroborates another one of an earlier page (among the newest k accounts) within this factor. */
    public static final double CORROBORATION_BAND = 1.25;

    private final double ratio;
    private final int maxPerAccount;
    private final int recentAccounts;
    /** Working array of the newest accounts' listings, grown on demand (one judge per detector, one thread). */
    private int[] newest = new int[0];

    public UnderpricedJudge(double ratio, int maxPerAccount, int recentAccounts) {
        this.ratio = ratio;
        this.maxPerAccount = maxPerAccount;
        this.recentAccounts = recentAccounts;
    }

    /** The reference a listing is judged against: the lower of the window reference and the recent median. */
    public static double judgeReference(Estimate window, double recent) {
        if (!window.hasReference()) {
            return Double.NaN;
        }
        return Double.isNaN(recent) ? window.reference : Math.min(window.reference, recent);
    }

    /**
     * Judges one page.
     *
     * @param book       the key's listings before this page (expired ones already evicted)
     * @param from       start of the window (river time, inclusive)
     * @param pageTime   river time of the page (the window ends there, exclusive)
     * @param window     {@link ReferenceEstimator#estimate} of the book over the window
     * @param reference  {@link #judgeReference} (NaN: no reference)
     * @param events     the page's events of this key, chaos prices filled in, in a deterministic order
     * @param items      {@link Hashes#of} of each event's item id ({@code items[i]} of {@code events.get(i)})
     * @param accounts   {@link Hashes#of} of each event's account name
     * @return one verdict per event, in the same order
     */
    public List<Verdict> judge(ListingBook book, long from, long pageTime, Estimate window, double reference,
            List<ListingEvent> events, long[] items, long[] accounts) {
        List<Verdict> out = new ArrayList<>(events.size());
        double threshold = ratio * reference;
        boolean judgeable = window.hasReference() && !Double.isNaN(reference);

        // Items of this page: their book entries are about to be replaced, so they do not count twice.
        Set<Long> pageItems = new HashSet<>();
        // Cheap candidates of this page per account (distinct items) and their prices.
        Map<Long, Set<Long>> pageCheap = new HashMap<>();
        Map<Long, List<Double>> pageCheapPrices = new HashMap<>();
        // Without a reference every verdict is decided by the event alone: none of these is read.
        for (int i = 0; judgeable && i < events.size(); i++) {
            ListingEvent e = events.get(i);
            long item = items[i];
            pageItems.add(item);
            if (isCandidate(e) && e.priceChaos <= threshold) {
                long account = accounts[i];
                pageCheap.computeIfAbsent(account, a -> new HashSet<>()).add(item);
                pageCheapPrices.computeIfAbsent(account, a -> new ArrayList<>()).add(e.priceChaos);
            }
        }
        Map<Long, Integer> bookCheap = new HashMap<>();
        if (judgeable) {
            for (int i = 0; i < book.size; i++) {
                if (book.seen[i] >= from && book.seen[i] < pageTime && book.prices[i] <= threshold
                        && !pageItems.contains(book.items[i])) {
                    bookCheap.merge(book.accounts[i], 1, Integer::sum);
                }
            }
        }
        // The newest listing of each of the k most recently active accounts (the order of ReferenceEstimator.recent).
        long[] recentAcc = new long[0];
        double[] recentPrice = new double[0];
        if (judgeable) {
            if (newest.length < recentAccounts) {
                newest = new int[recentAccounts];
            }
            int found = ReferenceEstimator.newestAccounts(book, from, pageTime, recentAccounts, false, newest);
            recentAcc = new long[found];
            recentPrice = new double[found];
            for (int j = 0; j < found; j++) {
                recentAcc[j] = book.accounts[newest[j]];
                recentPrice[j] = book.prices[newest[j]];
            }
        }

        Set<Long> judged = new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            ListingEvent e = events.get(i);
            Verdict notCandidate = notCandidate(e);
            if (notCandidate != null) {
                out.add(notCandidate);
                continue;
            }
            if (!judgeable) {
                out.add(Verdict.NO_REFERENCE);
                continue;
            }
            if (e.priceChaos > threshold) {
                out.add(Verdict.FAIR);
                continue;
            }
            long item = items[i];
            long account = accounts[i];
            if (!judged.add(item)) {
                out.add(Verdict.DUPLICATE);
                continue;
            }
            if (isFixer(account, bookCheap, pageCheap)) {
                out.add(Verdict.FIXER);
                continue;
            }
            double before = book.alertedPrice(item);
            if (before <= e.priceChaos) {
                out.add(Verdict.ALREADY_ALERTED);
                continue;
            }
            if (corroborated(account, e.priceChaos, threshold, recentAcc, recentPrice, bookCheap, pageCheap,
                    pageCheapPrices)) {
                out.add(Verdict.CORROBORATED);
                continue;
            }
            out.add(Verdict.ALERT);
        }
        return out;
    }

    /**
     * The verdicts of a page in which every candidate asks more than ratio × the recent median (see
     * {@link #anyCandidateAtOrBelowCeiling}): {@link Verdict#FAIR} for each candidate, the event's
     * own verdict for the others. No reference need be computed for it.
     */
    public static List<Verdict> judgeAllFair(List<ListingEvent> events) {
        List<Verdict> out = new ArrayList<>(events.size());
        for (ListingEvent e : events) {
            Verdict notCandidate = notCandidate(e);
            out.add(notCandidate != null ? notCandidate : Verdict.FAIR);
        }
        return out;
    }

    /**
     * True when some candidate of the page asks at most {@code ratio × recent}, where recent is
     * {@link ReferenceEstimator#recent} of the book. Every reference a listing is judged against is
     * at most that median ({@link #judgeReference}), and ratio is positive, so its threshold is at
     * most this ceiling: when this is false, every candidate of the page is above the threshold
     * (fair) whatever the window's estimate, and {@link #judgeAllFair} gives the verdicts. False
     * when recent is NaN (an empty window: no reference either).
     */
    public boolean anyCandidateAtOrBelowCeiling(List<ListingEvent> events, double recent) {
        double ceiling = ratio * recent;
        for (ListingEvent e : events) {
            if (isCandidate(e) && e.priceChaos <= ceiling) {
                return true;
            }
        }
        return false;
    }

    /** The verdict of an event that is not a candidate ({@link #isCandidate}); null for a candidate. */
    private static Verdict notCandidate(ListingEvent e) {
        if (e.kind != EventKind.LISTED && e.kind != EventKind.REPRICED) {
            return Verdict.NOT_A_LISTING;
        }
        if (isRareOrMagic(e)) {
            return Verdict.RARE_OR_MAGIC;
        }
        if (!(e.priceChaos > 0) || Double.isInfinite(e.priceChaos)) {
            return Verdict.NO_PRICE;
        }
        return null;
    }

    /** Rare (2) and magic (1) items are never judged against a key reference. */
    public static boolean isRareOrMagic(ListingEvent e) {
        return e.frameType == 1 || e.frameType == 2;
    }

    /** A listed or repriced event of a non-rare item with a chaos price: something to judge. */
    public static boolean isCandidate(ListingEvent e) {
        return notCandidate(e) == null;
    }

    private boolean isFixer(long account, Map<Long, Integer> bookCheap, Map<Long, Set<Long>> pageCheap) {
        int count = bookCheap.getOrDefault(account, 0);
        Set<Long> page = pageCheap.get(account);
        count += page == null ? 0 : page.size();
        return count > maxPerAccount;
    }

    /**
     * True when another, non-fixing account corroborates this cheap ask: one of the newest k
     * accounts of the book asks about the same low price (within {@link #CORROBORATION_BAND}), or
     * another account asks a cheap price on the same page that is at the same level (neither of the
     * two would be a steal if the other were the market). Two sellers who, independently and at the
     * same moment, ask far below the reference, within the spread of one market of each other, are a
     * new market, not two steals (a crash: sellers at the new level spread like any market, e.g.
     * 12 and 19 chaos after 44). Across pages the band stays narrow: a cheap ask among the newest
     * accounts may itself be an earlier steal still listed, and it must not hide the next one.
     */
    private boolean corroborated(long account, double price, double threshold, long[] recentAcc, double[] recentPrice,
            Map<Long, Integer> bookCheap, Map<Long, Set<Long>> pageCheap, Map<Long, List<Double>> pageCheapPrices) {
        for (int j = 0; j < recentAcc.length; j++) {
            long other = recentAcc[j];
            if (other != account && recentPrice[j] <= threshold && near(recentPrice[j], price)
                    && !isFixer(other, bookCheap, pageCheap)) {
                return true;
            }
        }
        for (Map.Entry<Long, List<Double>> entry : pageCheapPrices.entrySet()) {
            long other = entry.getKey();
            if (other == account || isFixer(other, bookCheap, pageCheap)) {
                continue;
            }
            for (double p : entry.getValue()) {
                if (sameLevel(p, price)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Asks of different pages: about the same price (within {@link #CORROBORATION_BAND}). */
    private static boolean near(double a, double b) {
        return Math.abs(Math.log(a / b)) <= Math.log(CORROBORATION_BAND);
    }

    /**
     * Asks of the same page: at one level when neither would be a steal if the other were the
     * market (the cheaper is above {@code ratio} × the dearer).
     */
    private boolean sameLevel(double a, double b) {
        return Math.min(a, b) > ratio * Math.max(a, b);
    }
}
