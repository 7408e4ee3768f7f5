package io.stashwatch.market;

import static io.stashwatch.testutil.Listings.listed;
import static io.stashwatch.testutil.Listings.repriced;
import static io.stashwatch.testutil.Listings.time;
import static org.assertj.core.api.Assertions.assertThat;

import io.stashwatch.model.ListingEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link KeyDetector#page} skips the window's estimate when every candidate asks more than
 * ratio × the recent median ({@link UnderpricedJudge#anyCandidateAtOrBelowCeiling}). On random
 * books and pages (thin and thick keys, fixers, crashes, rounding-close prices), whenever the bound
 * says so, the full judgement (estimate made) gives the same verdicts as
 * {@link UnderpricedJudge#judgeAllFair}, but for FAIR being NO_REFERENCE where the key has none.
 */
class AllFairBoundTest {
    private static final double RATIO = 0.5;
    private static final int MIN_SAMPLES = 5;
    private static final int MAX_PER_ACCOUNT = 2;
    private static final int RECENT = 3;

    @Test
    void pagesAboveTheCeilingGetTheFullJudgementsVerdicts() {
        UnderpricedJudge judge = new UnderpricedJudge(RATIO, MAX_PER_ACCOUNT, RECENT);
        Random rnd = new Random(42);
        int skipped = 0;
        int judgedWithAlert = 0;
        int skippedWithReference = 0;
        for (int round = 0; round < 4000; round++) {
            ListingBook book = new ListingBook();
            double fair = Math.exp(rnd.nextDouble() * 8);
            int accounts = 1 + rnd.nextInt(15);
            int listings = rnd.nextInt(60);
            for (int i = 0; i < listings; i++) {
                int account = rnd.nextInt(accounts);
                double price = price(rnd, fair);
                book.put(Hashes.of("item" + i), Hashes.of("stash" + account), Hashes.of("acc" + account), price,
                        time(1 + rnd.nextInt(50)));
            }
            long t = time(60);
            long from = t - 120_000;
            List<ListingEvent> events = new ArrayList<>();
            int n = 1 + rnd.nextInt(6);
            for (int i = 0; i < n; i++) {
                String item = rnd.nextInt(3) == 0 && listings > 0 ? "item" + rnd.nextInt(listings) : "new" + i;
                String account = "acc" + rnd.nextInt(accounts + 3);
                double price = price(rnd, fair);
                ListingEvent e = rnd.nextInt(4) == 0 ? repriced(60, item, account, "k", price, "chaos", price * 2, "chaos")
                        : listed(60, item, account, "k", price, "chaos");
                e.frameType = rnd.nextInt(10) == 0 ? 2 : 0;
                e.priceChaos = rnd.nextInt(20) == 0 ? Double.NaN : price;
                events.add(e);
            }
            long[] items = new long[n];
            long[] accs = new long[n];
            for (int i = 0; i < n; i++) {
                items[i] = Hashes.of(events.get(i).itemId);
                accs[i] = Hashes.of(events.get(i).accountName);
            }
            double recent = ReferenceEstimator.recent(book, from, t, RECENT);
            Estimate est = ReferenceEstimator.estimate(book, from, t, MAX_PER_ACCOUNT, MIN_SAMPLES);
            double reference = UnderpricedJudge.judgeReference(est, recent);
            List<Verdict> full = judge.judge(book, from, t, est, reference, events, items, accs);
            if (full.contains(Verdict.ALERT)) {
                judgedWithAlert++;
            }
            if (judge.anyCandidateAtOrBelowCeiling(events, recent)) {
                continue;
            }
            skipped++;
            if (est.hasReference()) {
                skippedWithReference++;
            }
            List<Verdict> fullAsFair = full.stream().map(v -> v == Verdict.NO_REFERENCE ? Verdict.FAIR : v).toList();
            assertThat(UnderpricedJudge.judgeAllFair(events)).as("round %d", round).isEqualTo(fullAsFair);
        }
        // Both ways are taken often, and the skipped pages include keys with a reference.
        assertThat(skipped).isGreaterThan(1000);
        assertThat(skippedWithReference).isGreaterThan(300);
        assertThat(judgedWithAlert).isGreaterThan(100);
    }

    @Test
    void aPageWithACheapCandidateIsJudgedInFull() {
        UnderpricedJudge judge = new UnderpricedJudge(RATIO, MAX_PER_ACCOUNT, RECENT);
        ListingEvent cheap = listed(2, "steal", "buyer", "k", 40, "chaos");
        cheap.priceChaos = 40;
        ListingEvent fair = listed(2, "fair", "seller", "k", 100, "chaos");
        fair.priceChaos = 100;
        assertThat(judge.anyCandidateAtOrBelowCeiling(List.of(fair), 100)).isFalse();
        assertThat(judge.anyCandidateAtOrBelowCeiling(List.of(fair, cheap), 100)).isTrue();
        // Exactly at the ceiling could be at the threshold: judged in full.
        assertThat(judge.anyCandidateAtOrBelowCeiling(List.of(fair), 200)).isTrue();
        // An empty window has no recent median and no reference.
        assertThat(judge.anyCandidateAtOrBelowCeiling(List.of(cheap), Double.NaN)).isFalse();
    }

    /** Around fair, sometimes far below (steals, a crash) or above, sometimes a few ulps apart. */
    private static double price(Random rnd, double fair) {
        return switch (rnd.nextInt(8)) {
            case 0 -> fair * (0.1 + 0.4 * rnd.nextDouble());
            case 1 -> fair * (2 + 3 * rnd.nextDouble());
            case 2 -> Math.nextUp(fair);
            case 3 -> fair;
            default -> fair * (0.85 + 0.3 * rnd.nextDouble());
        };
    }
}
