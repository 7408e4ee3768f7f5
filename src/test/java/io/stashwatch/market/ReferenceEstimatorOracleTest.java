package io.stashwatch.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The estimator derives most of its orders instead of sorting (ListingBook kept in grouping order,
 * sorted prices and distance order read off the ln-price order, newest accounts in one pass). These
 * tests hold it to {@link ReferenceEstimatorOracle}, the sort-everything version, bit for bit, on
 * random books full of ties: repeated prices, prices one ulp apart, accounts with many listings,
 * equal times, windows cutting the book, books built by put and books in arbitrary order (as
 * restored from state written before the book kept its order); and the book's price order, kept
 * through random sequences of puts, removals, evictions, trims and refills from outside, to a sort.
 */
class ReferenceEstimatorOracleTest {

    private static final double[] LEVELS = {1, 2, 2.5, 3, 7, 10, 10.5, 11, 40, 100, 101, 250, 1e4};

    private static double price(Random rnd) {
        switch (rnd.nextInt(6)) {
            case 0:
                return LEVELS[rnd.nextInt(3)];
            case 1:
                return LEVELS[rnd.nextInt(LEVELS.length)];
            case 2:
                return Math.nextUp(LEVELS[rnd.nextInt(LEVELS.length)]);
            case 3:
                return Math.nextDown(LEVELS[rnd.nextInt(LEVELS.length)]);
            case 4:
                return Math.round(rnd.nextDouble() * 200) / 4.0 + 0.25;
            default:
                return Math.exp(rnd.nextGaussian() * (rnd.nextBoolean() ? 0.05 : 1.5) + 3);
        }
    }

    /** A random book of up to maxSize listings; accounts drawn from a small pool so many have several. */
    private static ListingBook randomBook(Random rnd, int maxSize, boolean viaPut) {
        int n = rnd.nextInt(maxSize + 1);
        int accounts = 1 + rnd.nextInt(Math.max(1, n));
        ListingBook b = new ListingBook();
        long[] items = new long[n];
        for (int i = 0; i < n; i++) {
            items[i] = rnd.nextInt(4) == 0 ? rnd.nextInt(50) - 25 : rnd.nextLong();
        }
        for (int i = 0; i < n; i++) {
            long item = items[i];
            long account = rnd.nextInt(3) == 0 ? rnd.nextInt(3) - 1 : Hashes.of("acct" + rnd.nextInt(accounts));
            double p = price(rnd);
            long seen = 1000 + rnd.nextInt(rnd.nextBoolean() ? 5 : 100);
            if (viaPut) {
                b.put(item, 7, account, p, seen);
            } else if (b.indexOf(item) < 0) {
                // Appended in arrival order, as books were kept before.
                int size = b.size;
                b.items = java.util.Arrays.copyOf(b.items, size + 1);
                b.stashes = java.util.Arrays.copyOf(b.stashes, size + 1);
                b.accounts = java.util.Arrays.copyOf(b.accounts, size + 1);
                b.prices = java.util.Arrays.copyOf(b.prices, size + 1);
                b.seen = java.util.Arrays.copyOf(b.seen, size + 1);
                b.alerted = java.util.Arrays.copyOf(b.alerted, size + 1);
                b.items[size] = item;
                b.stashes[size] = 7;
                b.accounts[size] = account;
                b.prices[size] = p;
                b.seen[size] = seen;
                b.alerted[size] = Double.NaN;
                b.size = size + 1;
            }
        }
        return b;
    }

    private static void assertSame(Estimate actual, Estimate expected, String what) {
        assertThat(Double.doubleToRawLongBits(actual.reference)).as(what + " reference")
                .isEqualTo(Double.doubleToRawLongBits(expected.reference));
        assertThat(Double.doubleToRawLongBits(actual.median)).as(what + " median")
                .isEqualTo(Double.doubleToRawLongBits(expected.median));
        assertThat(Double.doubleToRawLongBits(actual.p10)).as(what + " p10").isEqualTo(Double.doubleToRawLongBits(expected.p10));
        assertThat(Double.doubleToRawLongBits(actual.p90)).as(what + " p90").isEqualTo(Double.doubleToRawLongBits(expected.p90));
        assertThat(actual.listings).as(what + " listings").isEqualTo(expected.listings);
        assertThat(actual.accounts).as(what + " accounts").isEqualTo(expected.accounts);
        assertThat(actual.samples).as(what + " samples").isEqualTo(expected.samples);
    }

    @Test
    void estimateAndRecentMatchTheSortingVersionBitForBit() {
        Random rnd = new Random(42);
        ReferenceEstimator.Scratch scratch = new ReferenceEstimator.Scratch();
        int withReference = 0;
        int tooFew = 0;
        for (int round = 0; round < 20_000; round++) {
            boolean viaPut = rnd.nextInt(4) != 0;
            ListingBook b = randomBook(rnd, round % 10 == 0 ? 300 : 40, viaPut);
            long from = rnd.nextInt(3) == 0 ? 1000 + rnd.nextInt(50) : 0;
            long to = rnd.nextInt(3) == 0 ? 1000 + rnd.nextInt(100) : Long.MAX_VALUE;
            int maxPerAccount = 1 + rnd.nextInt(3);
            int minSamples = 1 + rnd.nextInt(5);
            int k = rnd.nextInt(7);
            String what = "round " + round + " (size " + b.size + ", put " + viaPut + ")";
            Estimate expected = ReferenceEstimatorOracle.estimate(b, from, to, maxPerAccount, minSamples,
                    new ReferenceEstimator.Scratch());
            assertSame(ReferenceEstimator.estimate(b, from, to, maxPerAccount, minSamples, scratch), expected, what);
            if (expected.hasReference()) {
                withReference++;
            }
            if (ReferenceEstimator.tooFewAccounts(b, from, to, minSamples)) {
                tooFew++;
                assertThat(expected.hasReference()).as(what + " too few accounts, yet a reference").isFalse();
            } else if (viaPut) {
                // A book in order is judged exactly: enough accounts in the window.
                assertThat(expected.accounts).as(what + " accounts").isGreaterThanOrEqualTo(minSamples);
            }
            double recent = ReferenceEstimatorOracle.recent(b, from, to, k, new ReferenceEstimator.Scratch());
            assertThat(Double.doubleToRawLongBits(ReferenceEstimator.recent(b, from, to, k, scratch))).as(what + " recent")
                    .isEqualTo(Double.doubleToRawLongBits(recent));
            if (k > 0) {
                for (boolean finiteOnly : new boolean[] {true, false}) {
                    int[] want = new int[k];
                    int[] got = new int[k];
                    int nWant = ReferenceEstimatorOracle.newestAccounts(b, from, to, k, finiteOnly, want);
                    int nGot = ReferenceEstimator.newestAccounts(b, from, to, k, finiteOnly, got);
                    assertThat(java.util.Arrays.copyOf(got, nGot)).as(what + " newest accounts")
                            .containsExactly(java.util.Arrays.copyOf(want, nWant));
                }
            }
        }
        assertThat(withReference).as("rounds that had a reference").isGreaterThan(5_000);
        assertThat(tooFew).as("rounds with too few accounts").isGreaterThan(1_000);
    }

    @Test
    void aMarketAtOnePriceAndMirroredDistancesMatchToo() {
        // Everybody at one price (every distance 0), and values mirrored around the median (equal
        // distances on both sides): the distance order hinges on ties by index.
        ReferenceEstimator.Scratch scratch = new ReferenceEstimator.Scratch();
        for (int n = 1; n < 60; n++) {
            ListingBook flat = new ListingBook();
            ListingBook mirrored = new ListingBook();
            for (int i = 0; i < n; i++) {
                flat.put(i, 1, Hashes.of("a" + (i % 7)), 20, 1000);
                mirrored.put(i, 1, Hashes.of("a" + i), Math.exp(3 + (i % 5 - 2) * 0.25), 1000 + i % 3);
            }
            for (ListingBook b : List.of(flat, mirrored)) {
                assertSame(ReferenceEstimator.estimate(b, 0, 2000, 2, 3, scratch),
                        ReferenceEstimatorOracle.estimate(b, 0, 2000, 2, 3, new ReferenceEstimator.Scratch()), "n " + n);
            }
        }
    }

    @Test
    void theBookStaysInGroupingOrderAndHoldsWhatWasPut() {
        Random rnd = new Random(7);
        for (int round = 0; round < 300; round++) {
            ListingBook b = new ListingBook();
            Map<Long, double[]> model = new HashMap<>(); // item -> {account, price, seen, stash, alerted}
            for (int op = 0; op < 400; op++) {
                long item = rnd.nextInt(60);
                long stash = rnd.nextInt(3);
                int what = rnd.nextInt(10);
                if (what < 6) {
                    long account = rnd.nextInt(8);
                    double p = 1 + rnd.nextInt(6);
                    long seen = op;
                    b.put(item, stash, account, p, seen);
                    double[] old = model.get(item);
                    model.put(item, new double[] {account, p, seen, stash, old == null ? Double.NaN : old[4]});
                } else if (what < 8) {
                    boolean removed = b.remove(item, stash);
                    double[] old = model.get(item);
                    boolean expected = old != null && old[3] == stash;
                    assertThat(removed).isEqualTo(expected);
                    if (expected) {
                        model.remove(item);
                    }
                } else if (what == 8) {
                    double p = 1 + rnd.nextInt(6);
                    b.markAlerted(item, p);
                    double[] old = model.get(item);
                    if (old != null && !(old[4] <= p)) {
                        old[4] = p;
                    }
                } else if (rnd.nextBoolean()) {
                    long minSeen = op - 40;
                    b.evictSeenBefore(minSeen);
                    model.values().removeIf(v -> v[2] < minSeen);
                } else {
                    int max = 10 + rnd.nextInt(30);
                    b.trimTo(max);
                    while (model.size() > max) {
                        Long oldest = null;
                        for (Map.Entry<Long, double[]> e : model.entrySet()) {
                            if (oldest == null || e.getValue()[2] < model.get(oldest)[2]
                                    || e.getValue()[2] == model.get(oldest)[2] && e.getKey() > oldest) {
                                oldest = e.getKey();
                            }
                        }
                        model.remove(oldest);
                    }
                }
                assertThat(b.size).isEqualTo(model.size());
                for (int i = 0; i < b.size; i++) {
                    double[] v = model.get(b.items[i]);
                    assertThat(v).as("item " + b.items[i]).isNotNull();
                    assertThat(new double[] {b.accounts[i], b.prices[i], b.seen[i], b.stashes[i], b.alerted[i]})
                            .containsExactly(v);
                    if (i > 0) {
                        assertThat(ListingBook.precedes(b.accounts[i - 1], b.prices[i - 1], b.items[i - 1],
                                b.accounts[i], b.prices[i], b.items[i])).as("order at " + i).isTrue();
                    }
                }
            }
        }
    }

    @Test
    void aBookInArbitraryOrderGivesTheSameResultsAsTheSameListingsPut() {
        Random rnd = new Random(3);
        for (int round = 0; round < 2_000; round++) {
            ListingBook shuffled = randomBook(rnd, 50, false);
            ListingBook ordered = new ListingBook();
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < shuffled.size; i++) {
                idx.add(i);
            }
            java.util.Collections.shuffle(idx, rnd);
            for (int i : idx) {
                ordered.put(shuffled.items[i], shuffled.stashes[i], shuffled.accounts[i], shuffled.prices[i], shuffled.seen[i]);
            }
            assertSame(ReferenceEstimator.estimate(shuffled, 0, Long.MAX_VALUE, 2, 3),
                    ReferenceEstimator.estimate(ordered, 0, Long.MAX_VALUE, 2, 3), "round " + round);
            assertThat(Double.doubleToRawLongBits(ReferenceEstimator.recent(shuffled, 0, Long.MAX_VALUE, 3)))
                    .isEqualTo(Double.doubleToRawLongBits(ReferenceEstimator.recent(ordered, 0, Long.MAX_VALUE, 3)));
        }
    }

    /** The book's price order as a sort of its indexes by (price, account, item). */
    private static List<Integer> sortedByPrice(ListingBook b) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < b.size; i++) {
            idx.add(i);
        }
        idx.sort((x, y) -> {
            int c = Double.compare(b.prices[x], b.prices[y]);
            if (c == 0) {
                c = Long.compare(b.accounts[x], b.accounts[y]);
            }
            return c != 0 ? c : Long.compare(b.items[x], b.items[y]);
        });
        return idx;
    }

    /** Refills the book's public fields with its listings in a random order, on the same object (as a serializer fills one). */
    private static void refillShuffled(ListingBook b, Random rnd) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < b.size; i++) {
            idx.add(i);
        }
        java.util.Collections.shuffle(idx, rnd);
        int n = b.size;
        long[] items = new long[n];
        long[] stashes = new long[n];
        long[] accounts = new long[n];
        double[] prices = new double[n];
        long[] seen = new long[n];
        double[] alerted = new double[n];
        for (int k = 0; k < n; k++) {
            int i = idx.get(k);
            items[k] = b.items[i];
            stashes[k] = b.stashes[i];
            accounts[k] = b.accounts[i];
            prices[k] = b.prices[i];
            seen[k] = b.seen[i];
            alerted[k] = b.alerted[i];
        }
        b.items = items;
        b.stashes = stashes;
        b.accounts = accounts;
        b.prices = prices;
        b.seen = seen;
        b.alerted = alerted;
    }

    @Test
    void thePriceOrderKeptThroughPutsRemovalsEvictionsAndTrimsMatchesASortAndTheOracle() {
        Random rnd = new Random(11);
        ReferenceEstimator.Scratch scratch = new ReferenceEstimator.Scratch();
        int checkedOrders = 0;
        int estimates = 0;
        for (int round = 0; round < 600; round++) {
            // Books built by put, and books in arbitrary order (restored from older state) changed by put after.
            ListingBook b = rnd.nextInt(3) == 0 ? randomBook(rnd, 60, false) : new ListingBook();
            int accounts = 1 + rnd.nextInt(12);
            for (int op = 0; op < 120; op++) {
                int what = rnd.nextInt(14);
                long now = 1000 + op;
                if (what < 7) {
                    long item = rnd.nextInt(4) == 0 && b.size > 0 ? b.items[rnd.nextInt(b.size)] : rnd.nextInt(90) - 20;
                    long account = rnd.nextInt(3) == 0 ? rnd.nextInt(3) - 1 : Hashes.of("acct" + rnd.nextInt(accounts));
                    b.put(item, rnd.nextInt(3), account, price(rnd), now + rnd.nextInt(5));
                } else if (what < 9) {
                    if (b.size > 0 && rnd.nextBoolean()) {
                        int i = rnd.nextInt(b.size);
                        assertThat(b.remove(b.items[i], b.stashes[i])).isTrue();
                    } else {
                        b.remove(rnd.nextInt(90) - 20, rnd.nextInt(3));
                    }
                } else if (what < 11) {
                    long minSeen = now - rnd.nextInt(80);
                    int before = 0;
                    for (int i = 0; i < b.size; i++) {
                        if (b.seen[i] < minSeen) {
                            before++;
                        }
                    }
                    int size = b.size;
                    assertThat(b.evictSeenBefore(minSeen)).as("evicted").isEqualTo(before);
                    assertThat(b.size).isEqualTo(size - before);
                    for (int i = 0; i < b.size; i++) {
                        assertThat(b.seen[i]).isGreaterThanOrEqualTo(minSeen);
                    }
                } else if (what == 11) {
                    b.trimTo(rnd.nextInt(70));
                } else if (what == 12) {
                    b.markAlerted(rnd.nextInt(90) - 20, price(rnd));
                } else if (rnd.nextInt(4) == 0) {
                    refillShuffled(b, rnd);
                }
                String at = "round " + round + " op " + op + " (size " + b.size + ")";
                if (rnd.nextInt(3) == 0) {
                    long from = rnd.nextBoolean() ? now - rnd.nextInt(100) : 0;
                    long to = rnd.nextBoolean() ? now - rnd.nextInt(30) : Long.MAX_VALUE;
                    int maxPerAccount = 1 + rnd.nextInt(3);
                    int minSamples = 1 + rnd.nextInt(5);
                    assertSame(ReferenceEstimator.estimate(b, from, to, maxPerAccount, minSamples, scratch),
                            ReferenceEstimatorOracle.estimate(b, from, to, maxPerAccount, minSamples,
                                    new ReferenceEstimator.Scratch()), at);
                    estimates++;
                }
                if (rnd.nextInt(3) == 0) {
                    int[] order = b.priceOrder();
                    List<Integer> got = new ArrayList<>();
                    for (int q = 0; q < b.size; q++) {
                        got.add(order[q]);
                    }
                    assertThat(got).as(at + " price order").isEqualTo(sortedByPrice(b));
                    double[] ln = b.lnByPrice();
                    for (int q = 0; q < b.size; q++) {
                        assertThat(Double.doubleToRawLongBits(ln[q])).as(at + " ln at " + q)
                                .isEqualTo(Double.doubleToRawLongBits(Math.log(b.prices[order[q]])));
                    }
                    checkedOrders++;
                }
            }
        }
        assertThat(checkedOrders).isGreaterThan(20_000);
        assertThat(estimates).isGreaterThan(20_000);
    }
}
