package io.stashwatch.simulator.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The injected scenarios are really in the pages, as ground truth states them. */
class MarketScenarioTest {
    private static final TestRiver RIVER = TestRiver.of(TestRiver.small(TestRiver.SEED));
    private static final GroundTruth GT = RIVER.truth;

    /** A priced listing as a consumer derives it: new in its stash, or with a changed price. */
    record Listing(long page, String stashId, String account, String league, String itemId, String key,
            double priceChaos, boolean isNew) {
    }

    private static final List<Listing> LISTINGS = listings();

    private static List<Listing> listings() {
        List<Listing> out = new ArrayList<>();
        Map<String, Map<String, Double>> last = new HashMap<>();
        for (List<TestRiver.Entry> page : RIVER.pages) {
            for (TestRiver.Entry e : page) {
                Map<String, Double> prev = last.getOrDefault(e.stashId, Map.of());
                Map<String, Double> now = new HashMap<>();
                if (e.isPublic) {
                    for (TestRiver.TItem it : e.items) {
                        if (Double.isNaN(it.priceChaos)) {
                            continue;
                        }
                        now.put(it.id, it.priceChaos);
                        Double p = prev.get(it.id);
                        if (p == null || p != it.priceChaos) {
                            out.add(new Listing(e.page, e.stashId, e.account, e.league, it.id, it.key, it.priceChaos,
                                    p == null));
                        }
                    }
                }
                last.put(e.stashId, now);
            }
        }
        return out;
    }

    private static TestRiver.TItem find(long page, String itemId, String[] stashOut) {
        for (TestRiver.Entry e : RIVER.pages.get((int) page)) {
            for (TestRiver.TItem it : e.items) {
                if (it.id.equals(itemId)) {
                    if (stashOut != null) {
                        stashOut[0] = e.stashId;
                        stashOut[1] = e.account;
                    }
                    return it;
                }
            }
        }
        return null;
    }

    @Test
    void groundTruthHasEveryCategory() {
        assertThat(GT.seed).isEqualTo(TestRiver.SEED);
        assertThat(GT.pages).isEqualTo(240);
        assertThat(GT.underpriced).hasSizeGreaterThanOrEqualTo(15);
        assertThat(GT.traps).extracting(t -> t.kind).contains(ScenarioPlan.TRAP_KINDS);
        assertThat(GT.shifts).hasSize(3);
        assertThat(GT.shifts).extracting(s -> s.factor).contains(2.0, 0.5);
        assertThat(GT.crashes).hasSize(1);
        assertThat(GT.fixers).hasSize(1);
        assertThat(GT.stableKeys).hasSizeGreaterThan(20);
        assertThat(GT.rates).containsOnlyKeys("Settlers", "Hardcore Settlers", "Standard");
        for (Map<String, Double> r : GT.rates.values()) {
            assertThat(r.get("chaos")).isEqualTo(1.0);
            assertThat(r.get("divine")).isBetween(150.0, 250.0);
            assertThat(r.get("exalted")).isBetween(10.0, 20.0);
        }
        assertThat(GT.fairChaos).containsKeys("Settlers|Divine Orb", "Standard|The Doctor card",
                "Settlers|Vaal Grace gem 21/20 corrupted", "Settlers|Tabula Rasa Simple Robe 6L");
    }

    @Test
    void underpricedListingsAppearWhereAndAsStated() {
        Set<String> ids = new HashSet<>();
        for (GroundTruth.Underpriced u : GT.underpriced) {
            assertThat(ids.add(u.itemId)).isTrue();
            String[] where = new String[2];
            TestRiver.TItem it = find(u.pageIndex, u.itemId, where);
            assertThat(it).as("underpriced %s on page %d", u.itemKey, u.pageIndex).isNotNull();
            assertThat(it.key).isEqualTo(u.itemKey);
            assertThat(it.league).isEqualTo(u.league);
            assertThat(it.note).isEqualTo(u.note);
            assertThat(where[0]).isEqualTo(u.stashId);
            assertThat(where[1]).isEqualTo(u.accountName);
            assertThat(u.changeId).isEqualTo(RIVER.feed.changeId(u.pageIndex));
            assertThat(it.priceChaos).isCloseTo(u.priceChaos, within(1e-9 * u.priceChaos));
            assertThat(u.fairChaos).isCloseTo(RIVER.fairAt(u.league, u.itemKey, u.pageIndex), within(1e-9 * u.fairChaos));
            assertThat(u.priceChaos).isPositive().isLessThanOrEqualTo(0.35 * u.fairChaos);
            for (long p = 0; p < u.pageIndex; p++) {
                assertThat(find(p, u.itemId, null)).isNull();
            }
            // A reference exists: enough distinct accounts listed the key shortly before.
            long from = u.pageIndex - RIVER.settings.referencePages();
            Set<String> accounts = new HashSet<>();
            for (Listing l : LISTINGS) {
                if (l.page >= from && l.page < u.pageIndex && l.isNew && l.league.equals(u.league)
                        && l.key.equals(u.itemKey)) {
                    accounts.add(l.account);
                }
            }
            assertThat(accounts).as("sellers of %s before page %d", u.itemKey, u.pageIndex)
                    .hasSizeGreaterThanOrEqualTo(RIVER.settings.minDistinctAccounts());
            // Sniped: gone at the stash's next appearance and never seen again.
            for (long p = u.pageIndex + 1; p < RIVER.pages.size(); p++) {
                assertThat(find(p, u.itemId, null)).isNull();
            }
        }
    }

    @Test
    void trapsAreFairListingsThatOnlyLookCheap() {
        for (GroundTruth.Trap t : GT.traps) {
            String[] where = new String[2];
            TestRiver.TItem it = find(t.pageIndex, t.itemId, where);
            assertThat(it).as("trap %s %s on page %d", t.kind, t.itemKey, t.pageIndex).isNotNull();
            assertThat(it.key).isEqualTo(t.itemKey);
            assertThat(it.note).isEqualTo(t.note);
            assertThat(where[0]).isEqualTo(t.stashId);
            assertThat(it.priceChaos).isCloseTo(t.priceChaos, within(1e-9 * t.priceChaos));
            if (!t.kind.equals("rare-item")) {
                assertThat(t.fairChaos).isCloseTo(RIVER.fairAt(t.league, t.itemKey, t.pageIndex), within(1e-9 * t.fairChaos));
                assertThat(t.priceChaos).isGreaterThanOrEqualTo(0.9 * t.fairChaos);
            }
            switch (t.kind) {
                case "divine-as-chaos" -> {
                    assertThat(it.currency).isEqualTo("divine");
                    assertThat(t.priceChaos).isGreaterThan(100);
                }
                case "exalted-as-chaos" -> assertThat(it.currency).isEqualTo("exalted");
                case "links" -> {
                    assertThat(it.frameType).isEqualTo(3);
                    assertThat(it.sockets).isEqualTo(6);
                    assertThat(it.links).isLessThanOrEqualTo(4);
                    assertThat(GT.fairChaos.get(t.league + "|" + t.itemKey + " 6L")).isGreaterThanOrEqualTo(8 * t.fairChaos);
                }
                case "gem-variant" -> {
                    assertThat(it.frameType).isEqualTo(4);
                    assertThat(it.gemLevel).isEqualTo(1);
                    String name = t.itemKey.substring(0, t.itemKey.indexOf(" gem "));
                    double top = GT.fairChaos.entrySet().stream()
                            .filter(e -> e.getKey().startsWith(t.league + "|" + name + " gem "))
                            .mapToDouble(Map.Entry::getValue).max().orElse(0);
                    assertThat(top).isGreaterThanOrEqualTo(15 * t.fairChaos);
                }
                case "card-stack" -> {
                    assertThat(it.frameType).isEqualTo(6);
                    assertThat(it.stackSize).isGreaterThanOrEqualTo(3);
                }
                case "rare-item" -> {
                    assertThat(it.frameType).isEqualTo(2);
                    assertThat(t.itemKey).endsWith(" (rare)");
                    assertThat(t.priceChaos).isLessThanOrEqualTo(2);
                }
                default -> throw new AssertionError("unknown trap kind " + t.kind);
            }
        }
    }

    @Test
    void onlyInjectedAndFixerListingsAreFarBelowFair() {
        Set<String> underpriced = new HashSet<>();
        GT.underpriced.forEach(u -> underpriced.add(u.itemId));
        String fixer = GT.fixers.get(0).accountName;
        int fixerLow = 0;
        int checked = 0;
        for (Listing l : LISTINGS) {
            double fair = RIVER.fairAt(l.league, l.key, l.page);
            if (Double.isNaN(fair)) {
                assertThat(l.key).matches(".*\\((rare|magic)\\)$");
                continue;
            }
            checked++;
            double ratio = l.priceChaos / fair;
            if (underpriced.contains(l.itemId)) {
                assertThat(ratio).isLessThanOrEqualTo(0.35);
            } else if (l.account.equals(fixer)) {
                assertThat(ratio).isBetween(0.25, 0.5);
                fixerLow++;
            } else {
                assertThat(ratio).as("%s %s on page %d", l.league, l.key, l.page).isGreaterThanOrEqualTo(0.7);
            }
        }
        assertThat(checked).isGreaterThan(10_000);
        assertThat(fixerLow).isGreaterThan(100);
    }

    @Test
    void shiftedKeysTradeAtTheirNewPrice() {
        for (GroundTruth.Shift s : GT.shifts) {
            List<Double> before = new ArrayList<>();
            List<Double> after = new ArrayList<>();
            Set<String> sellersAfter = new HashSet<>();
            for (Listing l : LISTINGS) {
                if (l.isNew && l.league.equals(s.league) && l.key.equals(s.itemKey)) {
                    if (l.page < s.fromPage) {
                        before.add(l.priceChaos);
                    } else {
                        after.add(l.priceChaos);
                        sellersAfter.add(l.account);
                    }
                }
            }
            assertThat(before).as("listings of %s before its shift", s.itemKey).hasSizeGreaterThanOrEqualTo(8);
            assertThat(after).as("listings of %s after its shift", s.itemKey).hasSizeGreaterThanOrEqualTo(10);
            assertThat(sellersAfter).hasSizeGreaterThanOrEqualTo(8);
            assertThat(median(before) / s.oldChaos).isBetween(0.85, 1.35);
            assertThat(median(after) / s.newChaos).isBetween(0.85, 1.35);
        }
    }

    @Test
    void aCrashIsMadeByManySellers() {
        GroundTruth.Crash c = GT.crashes.get(0);
        assertThat(c.factor).isEqualTo(0.3);
        Set<String> sellers = new HashSet<>();
        List<Double> prices = new ArrayList<>();
        for (Listing l : LISTINGS) {
            if (l.page >= c.fromPage && l.league.equals(c.league) && l.key.equals(c.itemKey)) {
                sellers.add(l.account);
                prices.add(l.priceChaos);
            }
        }
        assertThat(sellers).hasSizeGreaterThanOrEqualTo(15);
        assertThat(median(prices) / c.newChaos).isBetween(0.85, 1.35);
        assertThat(c.newChaos).isCloseTo(c.oldChaos * 0.3, within(1e-9));
    }

    @Test
    void theFixerRepricesManyCheapCopiesAndNeverSells() {
        GroundTruth.Fixer f = GT.fixers.get(0);
        assertThat(f.fakeChaos).isLessThan(0.5 * f.fairChaos);
        Set<String> held = null;
        Set<String> notes = new HashSet<>();
        int appearances = 0;
        for (List<TestRiver.Entry> page : RIVER.pages) {
            for (TestRiver.Entry e : page) {
                if (!e.stashId.equals(f.stashId)) {
                    continue;
                }
                assertThat(e.page).isGreaterThanOrEqualTo(f.fromPage);
                assertThat(e.account).isEqualTo(f.accountName);
                appearances++;
                Set<String> ids = new HashSet<>();
                for (TestRiver.TItem it : e.items) {
                    assertThat(it.key).isEqualTo(f.itemKey);
                    ids.add(it.id);
                    notes.add(it.id + " " + it.note);
                }
                assertThat(ids.size()).isGreaterThanOrEqualTo(24);
                if (held != null) {
                    assertThat(ids).containsAll(held);
                }
                held = ids;
            }
        }
        assertThat(appearances).isGreaterThan(20);
        assertThat(notes.size()).isGreaterThan(3 * held.size());
    }

    @Test
    void stableKeysAreWellTradedAndInNoScenario() {
        Set<String> scenario = new HashSet<>();
        GT.shifts.forEach(s -> scenario.add(s.league + "|" + s.itemKey));
        GT.crashes.forEach(c -> scenario.add(c.league + "|" + c.itemKey));
        GT.fixers.forEach(f -> scenario.add(f.league + "|" + f.itemKey));
        Map<String, Set<String>> sellers = new HashMap<>();
        for (Listing l : LISTINGS) {
            if (l.isNew) {
                sellers.computeIfAbsent(l.league + "|" + l.key, k -> new HashSet<>()).add(l.account);
            }
        }
        for (String k : GT.stableKeys) {
            assertThat(scenario).doesNotContain(k);
            assertThat(GT.fairChaos).containsKey(k);
            assertThat(sellers.getOrDefault(k, Set.of())).as(k).hasSizeGreaterThanOrEqualTo(16);
        }
    }

    @Test
    void riverPricesAgreeWithTheRates() {
        // Divine orbs listed in chaos and chaos orbs listed in divines give the league's divine rate.
        for (String league : GT.rates.keySet()) {
            List<Double> divine = new ArrayList<>();
            for (Listing l : LISTINGS) {
                if (l.league.equals(league) && l.key.equals("Divine Orb")) {
                    divine.add(l.priceChaos);
                }
            }
            assertThat(divine).hasSizeGreaterThan(5);
            assertThat(median(divine) / GT.rates.get(league).get("divine")).isBetween(0.95, 1.06);
        }
    }

    private static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        s.sort(Double::compare);
        return s.get(s.size() / 2);
    }
}
