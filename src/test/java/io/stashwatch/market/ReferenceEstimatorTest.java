package io.stashwatch.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReferenceEstimatorTest {
    private static final long T = 1_000_000L;

    private static final class Listing {
        final String item;
        final String account;
        final double price;
        final long seen;

        Listing(String item, String account, double price, long seen) {
            this.item = item;
            this.account = account;
            this.price = price;
            this.seen = seen;
        }
    }

    private static ListingBook book(List<Listing> listings) {
        ListingBook b = new ListingBook();
        for (Listing l : listings) {
            b.put(Hashes.of(l.item), Hashes.of("stash-" + l.account), Hashes.of(l.account), l.price, l.seen);
        }
        return b;
    }

    /** n honest accounts, one listing each, prices spread evenly over fair ± spread. */
    private static List<Listing> honest(int n, double fair, double spread, long seen) {
        List<Listing> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double f = n == 1 ? 0 : (2.0 * i / (n - 1) - 1);
            out.add(new Listing("h" + i, "honest" + i, fair * (1 + spread * f), seen));
        }
        return out;
    }

    private static Estimate estimate(List<Listing> listings) {
        return ReferenceEstimator.estimate(book(listings), 0, T, 2, 5);
    }

    @Test
    void outliersOnBothSidesDoNotMoveTheReference() {
        List<Listing> l = honest(10, 100, 0.05, 10);
        l.add(new Listing("low1", "meme1", 1, 10));
        l.add(new Listing("low2", "meme2", 5, 10));
        l.add(new Listing("high", "greedy", 1000, 10));
        Estimate e = estimate(l);
        assertThat(e.reference).isCloseTo(100, within(3.0));
        assertThat(e.samples).isEqualTo(10);
        assertThat(e.accounts).isEqualTo(13);
        assertThat(e.listings).isEqualTo(13);
        assertThat(e.p10).isLessThan(e.median);
        assertThat(e.p90).isGreaterThan(e.median);
    }

    @Test
    void oneAccountContributesAtMostMaxPerAccountListings() {
        List<Listing> l = honest(6, 100, 0.05, 10);
        for (int i = 0; i < 50; i++) {
            l.add(new Listing("spam" + i, "spammer", 95, 10));
        }
        Estimate e = estimate(l);
        assertThat(e.listings).isEqualTo(6 + 2);
        assertThat(e.accounts).isEqualTo(7);
        assertThat(e.samples).isEqualTo(7);
        assertThat(e.reference).isCloseTo(100, within(5.0));
    }

    @Test
    void accountsBeyondTheCapArePickedAcrossTheirRangeNotTheCheapest() {
        List<Listing> l = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            l.add(new Listing("a" + i, "one", 10 + 10 * i, 10)); // 10..90
        }
        ListingBook b = book(l);
        Estimate e = ReferenceEstimator.estimate(b, 0, T, 2, 1);
        // positions floor(0.25*9)=2 and floor(0.75*9)=6: 30 and 70, not 10 and 20.
        assertThat(e.listings).isEqualTo(2);
        assertThat(e.median).isCloseTo(50, within(1e-9));
    }

    @Test
    void noReferenceBelowMinSamplesDistinctAccounts() {
        List<Listing> l = honest(4, 100, 0.05, 10);
        for (int i = 0; i < 10; i++) {
            l.add(new Listing("x" + i, "honest0", 100, 10)); // many listings, still four accounts
        }
        Estimate e = estimate(l);
        assertThat(e.hasReference()).isFalse();
        assertThat(e.accounts).isEqualTo(4);

        l.add(new Listing("fifth", "honest4", 101, 10));
        assertThat(estimate(l).hasReference()).isTrue();
    }

    @Test
    void accountsRemovedByTheFenceDoNotCountAsSamples() {
        List<Listing> l = honest(4, 100, 0.02, 10);
        l.add(new Listing("far", "faraway", 10, 10));
        Estimate e = estimate(l);
        assertThat(e.accounts).isEqualTo(5);
        assertThat(e.samples).isEqualTo(4);
        assertThat(e.hasReference()).isFalse();
    }

    @Test
    void identicalPricesStillRejectAListingAtHalf() {
        List<Listing> l = honest(6, 100, 0, 10);
        l.add(new Listing("half", "cheap", 50, 10));
        Estimate e = estimate(l);
        assertThat(e.samples).isEqualTo(6);
        assertThat(e.reference).isCloseTo(100, within(1e-6));
    }

    @Test
    void aPriceFixerDoesNotMoveTheReferenceByMoreThanTenPercent() {
        Random rnd = new Random(7);
        List<Listing> fair = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            fair.add(new Listing("f" + i, "seller" + i, 100 * (0.9 + 0.2 * rnd.nextDouble()), 10));
        }
        double before = estimate(fair).reference;
        // The fixer: 40 fake listings, repriced again and again to ever lower prices, from 0.85 down to 0.2 of fair.
        for (double level : new double[] {0.85, 0.7, 0.5, 0.3, 0.2}) {
            List<Listing> withFixer = new ArrayList<>(fair);
            for (int i = 0; i < 40; i++) {
                withFixer.add(new Listing("fake" + i, "fixer", 100 * level * (0.95 + 0.1 * rnd.nextDouble()), 20));
            }
            double after = estimate(withFixer).reference;
            assertThat(Math.abs(after / before - 1)).as("fixer at %.2f of fair", level).isLessThanOrEqualTo(0.10);
        }
    }

    @Test
    void theRecentMedianFollowsACrashWhileTheWindowStillRemembers() {
        List<Listing> l = honest(10, 100, 0.05, 10);
        for (int i = 0; i < 3; i++) {
            l.add(new Listing("crash" + i, "crasher" + i, 30 + i, 100 + i));
        }
        ListingBook b = book(l);
        Estimate window = ReferenceEstimator.estimate(b, 0, T, 2, 5);
        double recent = ReferenceEstimator.recent(b, 0, T, 3);
        assertThat(window.reference).isGreaterThan(80);
        assertThat(recent).isCloseTo(31, within(1e-9));
        assertThat(UnderpricedJudge.judgeReference(window, recent)).isCloseTo(31, within(1e-9));
    }

    @Test
    void oneAccountRepricingOftenIsOnlyOneOfTheRecentAccounts() {
        List<Listing> l = honest(10, 100, 0.05, 10);
        for (int i = 0; i < 20; i++) {
            l.add(new Listing("fake" + i, "fixer", 20, 100 + i));
        }
        double recent = ReferenceEstimator.recent(book(l), 0, T, 3);
        assertThat(recent).isGreaterThan(90);
    }

    @Test
    void onlyListingsSeenInsideTheWindowCount() {
        List<Listing> l = honest(6, 100, 0.05, 10);
        l.addAll(honestAt(6, 300, 500));
        ListingBook b = book(l);
        assertThat(ReferenceEstimator.estimate(b, 0, 100, 2, 5).reference).isCloseTo(100, within(5.0));
        assertThat(ReferenceEstimator.estimate(b, 100, 1000, 2, 5).reference).isCloseTo(300, within(15.0));
        assertThat(ReferenceEstimator.estimate(b, 1000, 2000, 2, 5).listings).isZero();
    }

    private static List<Listing> honestAt(int n, double fair, long seen) {
        List<Listing> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Listing("late" + i, "late" + i, fair * (1 + 0.02 * i), seen));
        }
        return out;
    }

    @Test
    void theOrderListingsEnteredTheBookDoesNotMatter() {
        List<Listing> l = honest(12, 100, 0.2, 10);
        for (int i = 0; i < 6; i++) {
            l.add(new Listing("m" + i, "multi", 80 + 5 * i, 10 + i));
        }
        Estimate first = estimate(l);
        double firstRecent = ReferenceEstimator.recent(book(l), 0, T, 3);
        for (int seed = 0; seed < 5; seed++) {
            List<Listing> shuffled = new ArrayList<>(l);
            Collections.shuffle(shuffled, new Random(seed));
            Estimate e = estimate(shuffled);
            assertThat(e.reference).isEqualTo(first.reference);
            assertThat(e.median).isEqualTo(first.median);
            assertThat(ReferenceEstimator.recent(book(shuffled), 0, T, 3)).isEqualTo(firstRecent);
        }
    }

    @Test
    void aReusedScratchGivesExactlyTheResultsOfAFreshOne() {
        // Books of very different sizes in turn (the scratch grows, then serves smaller books with
        // leftovers of larger ones), with many listings per account and narrow windows.
        Random rnd = new Random(7);
        ReferenceEstimator.Scratch scratch = new ReferenceEstimator.Scratch();
        int[] sizes = {300, 3, 60, 0, 1, 1000, 25, 26, 200, 5};
        for (int round = 0; round < 3; round++) {
            for (int size : sizes) {
                List<Listing> l = new ArrayList<>();
                for (int i = 0; i < size; i++) {
                    l.add(new Listing("i" + i, "a" + rnd.nextInt(Math.max(1, size / 3)),
                            50 * Math.exp(rnd.nextGaussian() * 0.3), rnd.nextInt(1000)));
                }
                ListingBook b = book(l);
                long from = rnd.nextInt(300);
                long to = 700 + rnd.nextInt(400);
                Estimate fresh = ReferenceEstimator.estimate(b, from, to, 2, 5);
                Estimate reused = ReferenceEstimator.estimate(b, from, to, 2, 5, scratch);
                assertThat(bits(reused)).isEqualTo(bits(fresh));
                assertThat(Double.doubleToRawLongBits(ReferenceEstimator.recent(b, from, to, 3, scratch)))
                        .isEqualTo(Double.doubleToRawLongBits(ReferenceEstimator.recent(b, from, to, 3)));
            }
        }
    }

    /** Every field of an estimate, doubles bit for bit. */
    private static List<Long> bits(Estimate e) {
        return List.of(Double.doubleToRawLongBits(e.reference), (long) e.listings, (long) e.accounts, (long) e.samples,
                Double.doubleToRawLongBits(e.median), Double.doubleToRawLongBits(e.p10), Double.doubleToRawLongBits(e.p90));
    }
}
