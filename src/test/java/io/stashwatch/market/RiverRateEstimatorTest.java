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
}
