package io.stashwatch.market;

import static io.stashwatch.testutil.Listings.listed;
import static io.stashwatch.testutil.Listings.time;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.stashwatch.model.Alert;
import io.stashwatch.model.AlertKind;
import io.stashwatch.model.ListingEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

class ShiftTrackerTest {
    private static final long W = 60_000;
    private static final long S = 10_000;

    /** Feeds slides 1..n; returns the shifts with the slide index they were confirmed at. */
    private static List<double[]> run(int n, IntToDoubleFunction windowRef, IntToDoubleFunction recentRef) {
        ShiftTracker t = new ShiftTracker();
        List<double[]> shifts = new ArrayList<>();
        for (int k = 1; k <= n; k++) {
            ShiftTracker.Shift s = t.update(k * S, windowRef.applyAsDouble(k), recentRef.applyAsDouble(k), W, S, 1.5);
            if (s != null) {
                shifts.add(new double[] {k, s.oldReference, s.newReference});
            }
        }
        return shifts;
    }

    private static double ramp(int k, int start, double from, double to, int steps) {
        if (k < start) {
            return from;
        }
        if (k >= start + steps) {
            return to;
        }
        return from + (to - from) * (k - start + 1) / (steps + 1);
    }

    @Test
    void aRealShiftIsFoundOnceAfterItPersistedForAWindow() {
        List<double[]> shifts = run(40, k -> ramp(k, 11, 100, 200, 4), k -> k < 11 ? 100 : 200);
        assertThat(shifts).hasSize(1);
        double[] s = shifts.get(0);
        assertThat(s[0]).isEqualTo(17); // opened at slide 11, confirmed one window (6 slides) later
        assertThat(s[1]).isEqualTo(100);
        assertThat(s[2]).isEqualTo(200);
    }

    @Test
    void aShiftDownIsFoundToo() {
        List<double[]> shifts = run(40, k -> ramp(k, 11, 100, 40, 3), k -> k < 11 ? 100 : 40);
        assertThat(shifts).hasSize(1);
        assertThat(shifts.get(0)[1]).isEqualTo(100);
        assertThat(shifts.get(0)[2]).isEqualTo(40);
    }

    @Test
    void aBlipShorterThanAWindowIsIgnored() {
        assertThat(run(40, k -> k >= 11 && k <= 13 ? 125 : 100, k -> k >= 11 && k <= 13 ? 200 : 100)).isEmpty();
    }

    @Test
    void lingeringBlipListingsInTheWindowDoNotMakeAShiftWhileNewListingsAreNormal() {
        // The window reference stays up while old blip listings are live, but new sellers ask the old price.
        assertThat(run(40, k -> k >= 11 && k <= 20 ? 170 : 100, k -> k >= 11 && k <= 12 ? 200 : 100)).isEmpty();
    }

    @Test
    void aLoneWindowEndAboveTheLevelIsNoBaselineForAFalseShiftDown() {
        // Level 100 throughout. One window end (slide 21) stands apart at 160 with the newest sellers
        // agreeing (a thin window where a few high asks outlived the rest); one window earlier (slide 15)
        // nothing was settled, so no candidate opened at 21. One window after it the market is still at
        // 100: that is not a shift down from 160, the old level never was 160.
        assertThat(run(60, k -> k == 21 ? 160 : 100, k -> k == 21 ? 160 : k == 15 ? 130 : 100)).isEmpty();
    }

    @Test
    void aLevelHeldForAWindowIsABaselineEvenWithSomeUnsettledEnds() {
        // The old level 100 with every third window end unsettled (newest sellers briefly apart), then a
        // real shift to 200: still found, against 100.
        List<double[]> shifts = run(60, k -> k < 31 ? 100 : 200, k -> k < 31 ? (k % 3 == 0 ? 130 : 100) : 200);
        assertThat(shifts).hasSize(1);
        assertThat(shifts.get(0)[1]).isEqualTo(100);
        assertThat(shifts.get(0)[2]).isEqualTo(200);
    }

    @Test
    void aLevelSettledForLessThanHalfAWindowIsNoBaseline() {
        // Only two window ends settled before the move (the rest unsettled): no established old level.
        assertThat(run(60, k -> k < 31 ? 100 : 200, k -> k < 31 ? (k == 20 || k == 21 ? 100 : 130) : 200)).isEmpty();
    }

    @Test
    void smallMovesAreNotShifts() {
        assertThat(run(40, k -> k < 11 ? 100 : 140, k -> k < 11 ? 100 : 140)).isEmpty();
    }

    @Test
    void thinKeysNeverShift() {
        assertThat(run(40, k -> Double.NaN, k -> k < 11 ? 100 : 300)).isEmpty();
    }

    @Test
    void aKeyNeedsAReferenceOneWindowBackBeforeItCanShift() {
        // Reference only from slide 10 on, already at the new level: nothing to compare with.
        assertThat(run(40, k -> k < 10 ? Double.NaN : 300, k -> 300)).isEmpty();
    }

    @Test
    void twoShiftsInARowAreTwoAlerts() {
        List<double[]> shifts = run(60, k -> k < 11 ? 100 : k < 31 ? 200 : 400, k -> k < 11 ? 100 : k < 31 ? 200 : 400);
        assertThat(shifts).hasSize(2);
        assertThat(shifts.get(0)[1]).isEqualTo(100);
        assertThat(shifts.get(0)[2]).isEqualTo(200);
        assertThat(shifts.get(1)[1]).isEqualTo(200);
        assertThat(shifts.get(1)[2]).isEqualTo(400);
    }

    @Test
    void aThinKeyOrACheapKeyReportsNoShift() {
        // 7 accounts: enough for a reference (5), not for a shift (2 x 5).
        assertThat(shiftsOf(new KeyDetector(W, S, 5, 2, 0.5, 1.5, 3, 2000), 7, 100)).isEmpty();
        assertThat(shiftsOf(new KeyDetector(W, S, 5, 2, 0.5, 1.5, 3, 2000, 5, 5), 7, 100)).hasSize(1);
        // Below the price floor: 2 → 4 chaos is not called.
        assertThat(shiftsOf(new KeyDetector(W, S, 5, 2, 0.5, 1.5, 3, 2000), 13, 2)).isEmpty();
        assertThat(shiftsOf(new KeyDetector(W, S, 5, 2, 0.5, 1.5, 3, 2000), 13, 100)).hasSize(1);
    }

    /** One listing per page from {@code accounts} rotating accounts; the price doubles at page 120. */
    private static List<Alert> shiftsOf(KeyDetector d, int accounts, double base) {
        KeyState s = new KeyState();
        KeyDetector.Rates chaosOnly = (c, t) -> c.equals("chaos") ? RateBook.Rate.CHAOS : RateBook.Rate.NONE;
        List<Alert> shifts = new ArrayList<>();
        for (long page = 1; page <= 300; page++) {
            while (s.nextWindowEnd != KeyState.NONE && s.nextWindowEnd <= time(page)) {
                KeyDetector.WindowResult w = d.window(s, s.nextWindowEnd);
                if (w.shift != null) {
                    shifts.add(w.shift);
                }
                s.nextWindowEnd = s.book.size == 0 ? KeyState.NONE : s.nextWindowEnd + S;
            }
            double price = (page < 120 ? base : 2 * base) * (0.95 + 0.1 * ((page * 7) % 11) / 10.0);
            ListingEvent e = listed(page, "item" + page, "acct" + (page % accounts), "Mageblood Heavy Belt", price, "chaos");
            d.page(s, time(page), new ArrayList<>(List.of(e)), chaosOnly);
        }
        return shifts;
    }

    @Test
    void theDetectorReportsAShiftOfRealListingsOnce() {
        KeyDetector d = new KeyDetector(W, S, 5, 2, 0.5, 1.5, 3, 2000);
        KeyState s = new KeyState();
        KeyDetector.Rates chaosOnly = (c, t) -> c.equals("chaos") ? RateBook.Rate.CHAOS : RateBook.Rate.NONE;
        List<Alert> shifts = new ArrayList<>();
        List<Alert> steals = new ArrayList<>();
        int n = 0;
        // One listing per page (1 s) from rotating accounts; price doubles at page 120.
        for (long page = 1; page <= 300; page++) {
            while (s.nextWindowEnd != KeyState.NONE && s.nextWindowEnd <= time(page)) {
                KeyDetector.WindowResult w = d.window(s, s.nextWindowEnd);
                if (w.shift != null) {
                    shifts.add(w.shift);
                }
                s.nextWindowEnd = s.book.size == 0 ? KeyState.NONE : s.nextWindowEnd + S;
            }
            double price = (page < 120 ? 100 : 200) * (0.95 + 0.1 * ((page * 7) % 11) / 10.0);
            ListingEvent e = listed(page, "item" + n++, "acct" + (page % 13), "Mageblood Heavy Belt", price, "chaos");
            steals.addAll(d.page(s, time(page), new ArrayList<>(List.of(e)), chaosOnly).alerts);
        }
        assertThat(shifts).hasSize(1);
        Alert a = shifts.get(0);
        assertThat(a.kind).isEqualTo(AlertKind.PRICE_SHIFT);
        assertThat(a.referenceChaos).isCloseTo(100, within(10.0));
        assertThat(a.priceChaos).isCloseTo(200, within(20.0));
        assertThat(a.riverTime).isBetween(time(120) + W, time(120) + W + 3 * S);
        assertThat(a.alertId).isEqualTo(AlertIds.priceShift("pc", "Standard", "Mageblood Heavy Belt", a.riverTime));
        assertThat(a.itemId).isNull();
        assertThat(steals).isEmpty();
    }
}
