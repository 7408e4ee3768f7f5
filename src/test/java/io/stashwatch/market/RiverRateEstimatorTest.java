package io.stashwatch.market;

import static io.stashwatch.testutil.Listings.delisted;
import static io.stashwatch.testutil.Listings.listed;
import static io.stashwatch.testutil.Listings.time;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.stashwatch.model.ListingEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RiverRateEstimatorTest {
    private final RiverRateEstimator estimator = new RiverRateEstimator(60_000, 2, 5, 2000);

    @Test
    void divinesPricedInChaosAndChaosPricedInDivinesBothMakeTheDivineRate() {
        Map<String, ListingBook> books = new TreeMap<>();
        Map<String, Double> rates = new TreeMap<>();
        List<ListingEvent> page = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            page.add(listed(1, "div" + i, "a" + i, "Divine Orb", 180, "chaos"));
        }
        for (int i = 0; i < 3; i++) {
            page.add(listed(1, "chaos" + i, "b" + i, "Chaos Orb", 1.0 / 180, "divine"));
        }
        List<RateUpdate> changed = estimator.applyPage("Standard", time(1), page, books, rates);
        assertThat(changed).hasSize(1);
        RateUpdate u = changed.get(0);
        assertThat(u.currency).isEqualTo("divine");
        assertThat(u.chaosPerUnit).isCloseTo(180, within(1e-6));
        assertThat(u.source).isEqualTo("river");
        assertThat(u.validFrom).isEqualTo(time(1) + 1);
        assertThat(u.volume).isEqualTo(6);
    }

    @Test
    void otherCurrenciesAreChainedThroughKnownRates() {
        Map<String, ListingBook> books = new TreeMap<>();
        Map<String, Double> rates = new TreeMap<>();
        List<ListingEvent> divines = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            divines.add(listed(1, "div" + i, "a" + i, "Divine Orb", 200, "chaos"));
        }
        estimator.applyPage("Standard", time(1), divines, books, rates);
        List<ListingEvent> exalts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            exalts.add(listed(2, "ex" + i, "e" + i, "Exalted Orb", 0.1, "divine"));
        }
        List<RateUpdate> changed = estimator.applyPage("Standard", time(2), exalts, books, rates);
        assertThat(changed).extracting(r -> r.currency).containsExactly("exalted");
        assertThat(changed.get(0).chaosPerUnit).isCloseTo(20, within(1e-6));
    }

    @Test
    void tooFewAccountsGiveNoRate() {
        Map<String, ListingBook> books = new TreeMap<>();
        Map<String, Double> rates = new TreeMap<>();
        List<ListingEvent> page = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            page.add(listed(1, "div" + i, "only" + (i % 4), "Divine Orb", 180, "chaos"));
        }
        assertThat(estimator.applyPage("Standard", time(1), page, books, rates)).isEmpty();
        assertThat(rates).isEmpty();
    }

    @Test
    void delistedSamplesLeaveAndSamplesExpire() {
        Map<String, ListingBook> books = new TreeMap<>();
        Map<String, Double> rates = new TreeMap<>();
        List<ListingEvent> page = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            page.add(listed(1, "div" + i, "a" + i, "Divine Orb", 180, "chaos"));
        }
        estimator.applyPage("Standard", time(1), page, books, rates);
        estimator.applyPage("Standard", time(2), List.of(delisted(2, "div0", "a0", "Divine Orb", 180, "chaos")), books, rates);
        assertThat(books.get("divine").size).isEqualTo(5);
        estimator.applyPage("Standard", time(100), List.of(), books, rates);
        assertThat(books).isEmpty();
        assertThat(rates.get("divine")).isEqualTo(180); // the last rate stays
    }

    @Test
    void theOrderOfAPageDoesNotMatter() {
        List<ListingEvent> page = new ArrayList<>();
        Random rnd = new Random(3);
        for (int i = 0; i < 20; i++) {
            page.add(listed(1, "div" + i, "a" + (i % 9), "Divine Orb", 170 + rnd.nextInt(20), "chaos"));
            page.add(listed(1, "ex" + i, "x" + (i % 7), "Exalted Orb", 0.1, "divine"));
        }
        Double expected = null;
        for (int seed = 0; seed < 5; seed++) {
            List<ListingEvent> shuffled = new ArrayList<>(page);
            Collections.shuffle(shuffled, new Random(seed));
            Map<String, ListingBook> books = new TreeMap<>();
            Map<String, Double> rates = new TreeMap<>();
            estimator.applyPage("Standard", time(1), shuffled, books, rates);
            if (expected == null) {
                expected = rates.get("divine");
            }
            assertThat(rates.get("divine")).isEqualTo(expected);
            // Exalted priced in divines needs the divine rate of an earlier page.
            assertThat(rates).doesNotContainKey("exalted");
        }
    }

    @Test
    void onlyCurrencyItemsAreSamples() {
        assertThat(RiverRateEstimator.isSample(listed(1, "x", "a", "Divine Orb", 180, "chaos"))).isTrue();
        assertThat(RiverRateEstimator.isSample(listed(1, "x", "a", "The Doctor card", 3, "divine"))).isFalse();
    }
    /**
     * A delisting or reprice looks only in the book that holds the item (the page's holder index):
     * the books and rates are the same as when every book is searched, also with items that move
     * between stashes (a remove that does not match), books trimmed to their cap and samples
     * expiring, all of which leave the index naming books an item has left.
     */
    @Test
    void lookingInTheHoldingBookIsTheSameAsSearchingEveryBook() {
        String[] kinds = {"Divine Orb", "Chaos Orb", "Exalted Orb", "Orb of Alchemy", "Orb of Fusing"};
        String[] currencies = {"chaos", "divine", "exalted", "alch", "fusing"};
        RiverRateEstimator small = new RiverRateEstimator(8_000, 2, 2, 12);
        Random rnd = new Random(17);
        Map<String, ListingBook> books = new TreeMap<>();
        Map<String, Double> rates = new TreeMap<>();
        Map<String, ListingBook> expectedBooks = new TreeMap<>();
        Map<String, Double> expectedRates = new TreeMap<>();
        Map<String, String> currencyOfItem = new TreeMap<>();
        int changedSeen = 0;
        for (int page = 1; page <= 400; page++) {
            List<ListingEvent> events = new ArrayList<>();
            for (int n = rnd.nextInt(30); n > 0; n--) {
                String item = "item" + rnd.nextInt(60);
                String kind = currencyOfItem.computeIfAbsent(item, k -> kinds[rnd.nextInt(kinds.length)]);
                String account = "a" + rnd.nextInt(12); // the stash is the account's: items move between stashes
                double amount = rnd.nextInt(10) == 0 ? 0 : 0.05 + rnd.nextInt(300) / 2.0;
                String currency = currencies[rnd.nextInt(currencies.length)];
                int k = rnd.nextInt(3);
                events.add(k == 0 ? delisted(page, item, account, kind, amount, currency)
                        : k == 1 ? listed(page, item, account, kind, amount, currency)
                        : io.stashwatch.testutil.Listings.repriced(page, item, account, kind, amount, currency, 1, "chaos"));
            }
            List<RateUpdate> changed = small.applyPage("Standard", time(page), events, books, rates);
            List<RateUpdate> expected = everyBookSearched(time(page), events, expectedBooks, expectedRates);
            assertThat(changed).usingRecursiveFieldByFieldElementComparator().isEqualTo(expected);
            assertThat(rates).isEqualTo(expectedRates);
            assertThat(books.keySet()).isEqualTo(expectedBooks.keySet());
            for (String c : books.keySet()) {
                ListingBook a = books.get(c);
                ListingBook b = expectedBooks.get(c);
                assertThat(a.size).as("book %s at page %d", c, page).isEqualTo(b.size);
                assertThat(java.util.Arrays.copyOf(a.items, a.size)).isEqualTo(java.util.Arrays.copyOf(b.items, b.size));
                assertThat(java.util.Arrays.copyOf(a.stashes, a.size)).isEqualTo(java.util.Arrays.copyOf(b.stashes, b.size));
                assertThat(java.util.Arrays.copyOf(a.prices, a.size)).isEqualTo(java.util.Arrays.copyOf(b.prices, b.size));
                assertThat(java.util.Arrays.copyOf(a.seen, a.size)).isEqualTo(java.util.Arrays.copyOf(b.seen, b.size));
            }
            changedSeen += changed.size();
        }
        assertThat(changedSeen).isGreaterThan(100);
    }

    /**
     * The estimator's page as it was before the holder index: every delisting and reprice searches
     * every book. The test's oracle, written out on purpose rather than shared.
     */
    private static List<RateUpdate> everyBookSearched(long pageTime,
            List<ListingEvent> events, Map<String, ListingBook> books, Map<String, Double> rates) {
        List<ListingEvent> sorted = new ArrayList<>(events);
        sorted.sort(Events.PAGE_ORDER);
        java.util.TreeSet<String> touched = new java.util.TreeSet<>();
        for (ListingEvent e : sorted) {
            long item = Hashes.of(e.itemId);
            long stash = Hashes.of(e.stashId);
            String target = null;
            double value = Double.NaN;
            if (e.kind != io.stashwatch.model.EventKind.DELISTED) {
                String x = Currencies.fromItemName(e.itemKey);
                String y = e.priceCurrency;
                double a = e.priceAmount;
                Double ry = rates.get(y);
                Double rx = rates.get(x);
                if (x != null && a > 0 && !Double.isInfinite(a) && !x.equals(y)) {
                    if (x.equals("chaos")) {
                        target = y;
                        value = 1 / a;
                    } else if (y.equals("chaos")) {
                        target = x;
                        value = a;
                    } else if (ry != null && ry > 0) {
                        target = x;
                        value = a * ry;
                    } else if (rx != null && rx > 0) {
                        target = y;
                        value = rx / a;
                    }
                }
            }
            for (Map.Entry<String, ListingBook> b : books.entrySet()) {
                if (!b.getKey().equals(target) && b.getValue().remove(item, stash)) {
                    touched.add(b.getKey());
                }
            }
            if (target != null) {
                ListingBook book = books.computeIfAbsent(target, c -> new ListingBook());
                book.put(item, stash, Hashes.of(e.accountName), value, pageTime);
                book.trimTo(12);
                touched.add(target);
            }
        }
        for (Map.Entry<String, ListingBook> b : books.entrySet()) {
            if (b.getValue().evictSeenBefore(pageTime + 1 - 8_000) > 0) {
                touched.add(b.getKey());
            }
        }
        books.values().removeIf(b -> b.size == 0);
        List<RateUpdate> changed = new ArrayList<>();
        ReferenceEstimator.Scratch scratch = new ReferenceEstimator.Scratch();
        for (String currency : touched) {
            ListingBook book = books.get(currency);
            if (book == null) {
                continue;
            }
            Estimate est = ReferenceEstimator.estimate(book, pageTime + 1 - 8_000, pageTime + 1, 2, 2, scratch);
            if (est.hasReference()) {
                Double old = rates.get(currency);
                if (old == null || old != est.reference) {
                    rates.put(currency, est.reference);
                    changed.add(RateUpdate.river("Standard", currency, est.reference, pageTime + 1, est.samples));
                }
            }
        }
        return changed;
    }
}
