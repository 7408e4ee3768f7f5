package io.stashwatch.market;

import static io.stashwatch.testutil.Listings.delisted;
import static io.stashwatch.testutil.Listings.event;
import static io.stashwatch.testutil.Listings.listed;
import static io.stashwatch.testutil.Listings.repriced;
import static io.stashwatch.testutil.Listings.time;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.stashwatch.model.Alert;
import io.stashwatch.model.AlertKind;
import io.stashwatch.model.EventKind;
import io.stashwatch.model.ListingEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The underpriced judge, driven through {@link KeyDetector} pages. */
class UnderpricedJudgeTest {
    private static final String KAOM_6L = "Kaom's Heart Glorious Plate 6L";
    private static final String KAOM_1L = "Kaom's Heart Glorious Plate 1L";
    private static final String GRACE_21 = "Vaal Grace gem 21/20 corrupted";
    private static final String GRACE_1 = "Vaal Grace gem 1/0";
    private static final String DOCTOR = "The Doctor card";

    private final KeyDetector detector = new KeyDetector(60_000, 10_000, 5, 2, 0.5, 1.5, 3, 2000);
    private final Map<String, Double> riverRates = new java.util.HashMap<>(Map.of("divine", 200.0, "exalted", 15.0));
    private final KeyDetector.Rates rates = (currency, t) -> {
        if (currency.equals("chaos")) {
            return RateBook.Rate.CHAOS;
        }
        RateHistory h = new RateHistory();
        Double r = riverRates.get(currency);
        if (r != null) {
            h.addRiver(0, r);
        }
        return RateBook.resolve(currency, h, t, 0);
    };

    /** Fair listings by n accounts at fair × (0.95 … 1.05) on one page. */
    private List<ListingEvent> market(long page, String key, double fair, int n) {
        List<ListingEvent> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(listed(page, key + "-fair" + i, "seller" + i, key, fair * (0.95 + 0.1 * i / Math.max(1, n - 1)), "chaos"));
        }
        return out;
    }

    private List<Alert> page(KeyState s, long page, ListingEvent... events) {
        return page(s, page, new ArrayList<>(List.of(events)));
    }

    private List<Alert> page(KeyState s, long page, List<ListingEvent> events) {
        return detector.page(s, time(page), new ArrayList<>(events), rates).alerts;
    }

    private KeyState seeded(String key, double fair) {
        KeyState s = new KeyState();
        assertThat(page(s, 1, market(1, key, fair, 8))).isEmpty();
        return s;
    }

    @Test
    void keysBelowThePriceFloorAreNotJudged() {
        KeyState cheap = seeded(DOCTOR, 2);
        assertThat(page(cheap, 2, listed(2, "half", "buyer", DOCTOR, 0.5, "chaos"))).isEmpty();
        KeyDetector noFloor = new KeyDetector(60_000, 10_000, 5, 2, 0.5, 1.5, 3, 2000, 0, 10);
        KeyState s = new KeyState();
        noFloor.page(s, time(1), market(1, DOCTOR, 2, 8), rates);
        assertThat(noFloor.page(s, time(2), new ArrayList<>(List.of(listed(2, "half", "buyer", DOCTOR, 0.5, "chaos"))),
                rates).alerts).hasSize(1);
        KeyState fair = seeded(DOCTOR, 10);
        assertThat(page(fair, 2, listed(2, "steal", "buyer", DOCTOR, 2.5, "chaos"))).hasSize(1);
    }

    @Test
    void alertsAtOrBelowTheRatioOnly() {
        KeyState s = new KeyState();
        List<ListingEvent> flat = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            flat.add(listed(1, "f" + i, "seller" + i, KAOM_6L, 100, "chaos"));
        }
        page(s, 1, flat);
        List<Alert> at = page(s, 2, listed(2, "at", "buyer1", KAOM_6L, 50, "chaos"));
        List<Alert> above = page(s, 3, listed(3, "above", "buyer2", KAOM_6L, 50.5, "chaos"));
        assertThat(at).hasSize(1);
        assertThat(above).isEmpty();
        Alert a = at.get(0);
        assertThat(a.kind).isEqualTo(AlertKind.UNDERPRICED);
        assertThat(a.itemId).isEqualTo("at");
        assertThat(a.accountName).isEqualTo("buyer1");
        assertThat(a.stashId).isEqualTo("stash-buyer1");
        assertThat(a.priceChaos).isEqualTo(50);
        assertThat(a.referenceChaos).isCloseTo(100, within(1e-9));
        assertThat(a.samples).isEqualTo(6);
        assertThat(a.changeId).isEqualTo("change-2");
        assertThat(a.riverTime).isEqualTo(time(2));
        assertThat(a.alertId).isEqualTo(AlertIds.underpriced("at", "change-2"));
    }

    @Test
    void oneAlertPerListingUnlessThePriceDropsFurther() {
        KeyState s = seeded(KAOM_6L, 2000);
        assertThat(page(s, 2, listed(2, "steal", "lucky", KAOM_6L, 600, "chaos"))).hasSize(1);
        assertThat(page(s, 3, repriced(3, "steal", "lucky", KAOM_6L, 700, "chaos", 600, "chaos"))).isEmpty();
        assertThat(page(s, 4, repriced(4, "steal", "lucky", KAOM_6L, 600, "chaos", 700, "chaos"))).isEmpty();
        List<Alert> lower = page(s, 5, repriced(5, "steal", "lucky", KAOM_6L, 500, "chaos", 600, "chaos"));
        assertThat(lower).hasSize(1);
        assertThat(lower.get(0).alertId).isEqualTo(AlertIds.underpriced("steal", "change-5"));
        assertThat(page(s, 6, repriced(6, "steal", "lucky", KAOM_6L, 500, "chaos", 500, "chaos"))).isEmpty();
    }

    @Test
    void aFairListingRepricedDownIsAlerted() {
        KeyState s = seeded(KAOM_6L, 2000);
        assertThat(page(s, 2, listed(2, "x", "someone", KAOM_6L, 1900, "chaos"))).isEmpty();
        assertThat(page(s, 3, repriced(3, "x", "someone", KAOM_6L, 800, "chaos", 1900, "chaos"))).hasSize(1);
    }

    @Test
    void noAlertsWithoutAReference() {
        KeyState s = new KeyState();
        page(s, 1, market(1, KAOM_6L, 2000, 4));
        assertThat(page(s, 2, listed(2, "cheap", "lucky", KAOM_6L, 10, "chaos"))).isEmpty();
    }

    @Test
    void aDivinePriceIsConvertedNotReadAsChaos() {
        KeyState s = seeded(KAOM_6L, 2000);
        ListingEvent divines = listed(2, "div", "divseller", KAOM_6L, 10, "divine");
        KeyDetector.PageResult r = detector.page(s, time(2), new ArrayList<>(List.of(divines)), rates);
        assertThat(r.alerts).isEmpty();
        assertThat(divines.priceChaos).isEqualTo(2000);
        assertThat(divines.rateSource).isEqualTo("river");
        ListingEvent exalts = listed(3, "ex", "exseller", KAOM_6L, 130, "exalted");
        assertThat(page(s, 3, exalts)).isEmpty();
        assertThat(exalts.priceChaos).isEqualTo(1950);
        // The same number in chaos is a steal.
        assertThat(page(s, 4, listed(4, "c", "chaosseller", KAOM_6L, 10, "chaos"))).hasSize(1);
    }

    @Test
    void aCurrencyWithoutRateIsCountedNotGuessed() {
        KeyState s = seeded(KAOM_6L, 2000);
        ListingEvent mirror = listed(2, "mir", "mirrorseller", KAOM_6L, 1, "mirror");
        ListingEvent weird = listed(2, "weird", "weirdseller", KAOM_6L, 3, "shiny-pebble");
        KeyDetector.PageResult r = detector.page(s, time(2), new ArrayList<>(List.of(mirror, weird)), rates);
        assertThat(r.alerts).isEmpty();
        assertThat(r.withoutRate).isEqualTo(2);
        assertThat(r.verdicts[Verdict.NO_PRICE.ordinal()]).isEqualTo(2);
        assertThat(mirror.priceChaos).isNaN();
        assertThat(mirror.rateSource).isNull();
        assertThat(s.book.indexOf(Hashes.of("mir"))).isEqualTo(-1);
    }

    @Test
    void linkAndGemVariantsAreTheirOwnMarkets() {
        KeyState sixLink = seeded(KAOM_6L, 2000);
        KeyState oneLink = seeded(KAOM_1L, 40);
        KeyState grace21 = seeded(GRACE_21, 300);
        KeyState grace1 = seeded(GRACE_1, 2);
        assertThat(page(oneLink, 2, listed(2, "1l", "a", KAOM_1L, 38, "chaos"))).isEmpty();
        assertThat(page(grace1, 2, listed(2, "g1", "b", GRACE_1, 2, "chaos"))).isEmpty();
        assertThat(page(sixLink, 2, listed(2, "6l", "c", KAOM_6L, 1900, "chaos"))).isEmpty();
        assertThat(page(grace21, 2, listed(2, "g21", "d", GRACE_21, 310, "chaos"))).isEmpty();
        assertThat(page(oneLink, 3, listed(3, "1l-steal", "e", KAOM_1L, 10, "chaos"))).hasSize(1);
    }

    @Test
    void stacksArePricedPerUnit() {
        KeyState s = new KeyState();
        List<ListingEvent> cards = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ListingEvent e = listed(1, "doc" + i, "cardseller" + i, DOCTOR, 800 + 10 * i, "chaos");
            e.frameType = 6;
            e.stackSize = 1 + i;
            cards.add(e);
        }
        page(s, 1, cards);
        ListingEvent stack = listed(2, "stack", "stacker", DOCTOR, 4, "divine"); // 800c per card, 8 cards
        stack.frameType = 6;
        stack.stackSize = 8;
        assertThat(page(s, 2, stack)).isEmpty();
        assertThat(stack.priceChaos).isEqualTo(800);
    }

    @Test
    void rareAndMagicItemsAreNeverJudged() {
        KeyState s = seeded("Hubris Circlet (rare)", 50);
        ListingEvent rare = event(EventKind.LISTED, 2, "rare", "r", "Hubris Circlet (rare)", 1, "chaos", 2);
        ListingEvent magic = event(EventKind.LISTED, 2, "magic", "m", "Hubris Circlet (rare)", 1, "chaos", 1);
        KeyDetector.PageResult r = detector.page(s, time(2), new ArrayList<>(List.of(rare, magic)), rates);
        assertThat(r.alerts).isEmpty();
        assertThat(r.verdicts[Verdict.RARE_OR_MAGIC.ordinal()]).isEqualTo(2);
        assertThat(s.book.indexOf(Hashes.of("rare"))).isEqualTo(-1);
    }

    @Test
    void aPriceFixersListingsAreNotSteals() {
        KeyState s = seeded(KAOM_6L, 2000);
        List<ListingEvent> fakes = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            fakes.add(listed(2, "fake" + i, "fixer", KAOM_6L, 500 + i, "chaos"));
        }
        KeyDetector.PageResult r = detector.page(s, time(2), fakes, rates);
        assertThat(r.alerts).isEmpty();
        assertThat(r.verdicts[Verdict.FIXER.ordinal()]).isEqualTo(12);
        // Repriced again and again, still not alerted; a real steal by someone else still is.
        for (int p = 3; p < 8; p++) {
            List<ListingEvent> reprices = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                reprices.add(repriced(p, "fake" + i, "fixer", KAOM_6L, 450 - 10 * p + i, "chaos", 500, "chaos"));
            }
            assertThat(page(s, p, reprices)).isEmpty();
        }
        Estimate e = ReferenceEstimator.estimate(s.book, time(8) - 60_000, time(8), 2, 5);
        assertThat(Math.abs(e.reference / 2000 - 1)).isLessThan(0.10);
        assertThat(page(s, 8, listed(8, "real", "lucky", KAOM_6L, 900, "chaos"))).hasSize(1);
    }

    @Test
    void afterACrashTheNewPriceIsTheMarket() {
        KeyState s = seeded(KAOM_6L, 2000);
        List<Alert> alerts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            alerts.addAll(page(s, 2 + i, listed(2 + i, "crash" + i, "crasher" + i, KAOM_6L, 600 + 5 * i, "chaos")));
        }
        // Only the first seller at the new price looks like a steal.
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).itemId).isEqualTo("crash0");
    }

    @Test
    void twoSellersAtTheSameLowPriceOnOnePageCorroborateEachOther() {
        KeyState s = seeded(KAOM_6L, 2000);
        assertThat(page(s, 2, listed(2, "a", "crasherA", KAOM_6L, 600, "chaos"),
                listed(2, "b", "crasherB", KAOM_6L, 620, "chaos"))).isEmpty();
    }

    @Test
    void twoSellersAtTheNewLevelOnOnePageAreANewMarketEvenWhenTheirAsksSpreadLikeAnyMarket() {
        // A crash from 2000 to about 600: two sellers at the new level on the same page, one asking 760,
        // one 480 (apart by 1.58, as asks of one market are). Neither is a steal if the other is the
        // market, so neither is alerted; the sellers after them are the market too.
        KeyState s = seeded(KAOM_6L, 2000);
        assertThat(page(s, 2, listed(2, "a", "crasherA", KAOM_6L, 760, "chaos"),
                listed(2, "b", "crasherB", KAOM_6L, 480, "chaos"))).isEmpty();
        assertThat(page(s, 3, listed(3, "c", "crasherC", KAOM_6L, 560, "chaos"))).isEmpty();
    }

    @Test
    void aStealNextToAFairSellerOnOnePageIsStillAlerted() {
        // Same page, two cheap asks: 900 (0.45 of the market) and 300, a steal even against 900.
        KeyState s = seeded(KAOM_6L, 2000);
        List<Alert> alerts = page(s, 2, listed(2, "a", "sellerA", KAOM_6L, 900, "chaos"),
                listed(2, "b", "sellerB", KAOM_6L, 300, "chaos"));
        assertThat(alerts).extracting(a -> a.itemId).containsExactlyInAnyOrder("a", "b");
        // A steal in a page where a fair seller lists is alerted.
        KeyState t = seeded(KAOM_6L, 2000);
        assertThat(page(t, 2, listed(2, "fair", "sellerF", KAOM_6L, 1950, "chaos"),
                listed(2, "steal", "sellerS", KAOM_6L, 700, "chaos"))).extracting(a -> a.itemId)
                .containsExactly("steal");
    }

    @Test
    void aCheapAskOfAnEarlierPageCorroboratesOnlyAboutTheSamePrice() {
        // An earlier steal still listed among the newest accounts does not hide the next, cheaper one.
        KeyState s = seeded(KAOM_6L, 2000);
        assertThat(page(s, 2, listed(2, "first", "lucky1", KAOM_6L, 900, "chaos"))).hasSize(1);
        assertThat(page(s, 3, listed(3, "second", "lucky2", KAOM_6L, 600, "chaos"))).hasSize(1);
    }

    @Test
    void delistedListingsLeaveTheBookAndMovesDoNotLoseTheListing() {
        KeyState s = seeded(KAOM_6L, 2000);
        page(s, 2, delisted(2, KAOM_6L + "-fair0", "seller0", KAOM_6L, 1900, "chaos"));
        assertThat(s.book.size).isEqualTo(7);
        // A move to another stash: delisted from the old one, listed in the new one, same page.
        ListingEvent out = delisted(3, KAOM_6L + "-fair1", "seller1", KAOM_6L, 1914, "chaos");
        ListingEvent in = listed(3, KAOM_6L + "-fair1", "seller1", KAOM_6L, 1914, "chaos");
        in.stashId = "other-stash";
        page(s, 3, in, out);
        assertThat(s.book.size).isEqualTo(7);
        // A late delisting from the stash it already left does not remove it.
        page(s, 4, delisted(4, KAOM_6L + "-fair1", "seller1", KAOM_6L, 1914, "chaos"));
        assertThat(s.book.indexOf(Hashes.of(KAOM_6L + "-fair1"))).isNotEqualTo(-1);
    }

    @Test
    void theSamePageInAnyOrderGivesTheSameAlertsAndBook() {
        List<ListingEvent> pageEvents = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            pageEvents.add(listed(2, "p" + i, "acct" + i, KAOM_6L, i % 2 == 0 ? 500 + i : 2100, "chaos"));
        }
        pageEvents.add(listed(2, "fx1", "fixer", KAOM_6L, 300, "chaos"));
        pageEvents.add(listed(2, "fx2", "fixer", KAOM_6L, 310, "chaos"));
        pageEvents.add(listed(2, "fx3", "fixer", KAOM_6L, 320, "chaos"));
        String expected = null;
        for (int seed = 0; seed < 6; seed++) {
            KeyState s = seeded(KAOM_6L, 2000);
            List<ListingEvent> shuffled = new ArrayList<>();
            for (ListingEvent e : pageEvents) {
                shuffled.add(e.copy());
            }
            Collections.shuffle(shuffled, new Random(seed));
            String got = page(s, 2, shuffled).stream().map(a -> a.alertId + ":" + a.referenceChaos).sorted()
                    .collect(Collectors.joining(","))
                    + " book=" + bookSignature(s.book);
            if (expected == null) {
                expected = got;
            }
            assertThat(got).isEqualTo(expected);
        }
    }

    private static String bookSignature(ListingBook b) {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < b.size; i++) {
            rows.add(b.items[i] + "/" + b.prices[i] + "/" + b.seen[i] + "/" + b.alerted[i]);
        }
        Collections.sort(rows);
        return rows.toString();
    }

    @Test
    void listingsExpireAfterTheWindow() {
        KeyState s = seeded(KAOM_6L, 2000);
        // 61 s later nothing of page 1 is left: no reference, no alert.
        assertThat(page(s, 62, listed(62, "late", "lucky", KAOM_6L, 100, "chaos"))).isEmpty();
        assertThat(s.book.size).isEqualTo(1);
    }
}
