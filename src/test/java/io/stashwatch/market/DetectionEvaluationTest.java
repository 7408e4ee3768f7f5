package io.stashwatch.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.stashwatch.model.Alert;
import io.stashwatch.model.AlertKind;
import io.stashwatch.model.PriceStat;
import io.stashwatch.simulator.market.GroundTruth;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DetectionEvaluationTest {
    private static final long EPOCH = 1_000_000L;
    private static final long PAGE = 1000L;

    private static Alert steal(String item, String account, String key, long page) {
        Alert a = new Alert();
        a.kind = AlertKind.UNDERPRICED;
        a.itemId = item;
        a.accountName = account;
        a.league = "L";
        a.itemKey = key;
        a.riverTime = EPOCH + page * PAGE;
        return a;
    }

    private static Alert shift(String key, long page, double oldRef, double newRef) {
        Alert a = new Alert();
        a.kind = AlertKind.PRICE_SHIFT;
        a.league = "L";
        a.itemKey = key;
        a.riverTime = EPOCH + page * PAGE;
        a.referenceChaos = oldRef;
        a.priceChaos = newRef;
        return a;
    }

    private static PriceStat stat(String key, long page, double ref) {
        PriceStat s = new PriceStat();
        s.league = "L";
        s.itemKey = key;
        s.windowEnd = EPOCH + page * PAGE;
        s.referenceChaos = ref;
        return s;
    }

    private static GroundTruth truth() {
        GroundTruth t = new GroundTruth();
        for (int i = 0; i < 4; i++) {
            GroundTruth.Underpriced u = new GroundTruth.Underpriced();
            u.itemId = "u" + i;
            u.league = "L";
            u.itemKey = "K";
            t.underpriced.add(u);
        }
        GroundTruth.Trap trap = new GroundTruth.Trap();
        trap.itemId = "trap1";
        trap.kind = "divine-as-chaos";
        t.traps.add(trap);
        GroundTruth.Shift up = new GroundTruth.Shift();
        up.league = "L";
        up.itemKey = "Up";
        up.fromPage = 100;
        up.factor = 2;
        t.shifts.add(up);
        GroundTruth.Shift down = new GroundTruth.Shift();
        down.league = "L";
        down.itemKey = "Down";
        down.fromPage = 100;
        down.factor = 0.5;
        t.shifts.add(down);
        t.stableKeys.add("L|Stable");
        GroundTruth.Fixer f = new GroundTruth.Fixer();
        f.accountName = "fixer";
        f.league = "L";
        f.itemKey = "F";
        f.fairChaos = 100;
        f.fromPage = 50;
        t.fixers.add(f);
        GroundTruth.Crash c = new GroundTruth.Crash();
        c.league = "L";
        c.itemKey = "C";
        c.fromPage = 70;
        t.crashes.add(c);
        return t;
    }

    @Test
    void scoresAPerfectRun() {
        List<Alert> alerts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            alerts.add(steal("u" + i, "a", "K", 10));
        }
        alerts.add(steal("u0", "a", "K", 12)); // a re-alert after a further drop counts once
        alerts.add(shift("Up", 160, 100, 200));
        alerts.add(shift("Down", 170, 100, 50));
        List<PriceStat> stats = List.of(stat("F", 40, 60), stat("F", 60, 95), stat("F", 80, 104));
        DetectionEvaluation.Report r = DetectionEvaluation.evaluate(alerts, stats, truth(), EPOCH, PAGE);
        assertThat(r.precision).isEqualTo(1.0);
        assertThat(r.recall).isEqualTo(1.0);
        assertThat(r.alertedItems).isEqualTo(4);
        assertThat(r.shiftsFound).isEqualTo(2);
        assertThat(r.falseShifts).isZero();
        // The row before the fixer started does not count.
        assertThat(r.fixerMaxDeviation).isCloseTo(0.05, within(1e-9));
        assertThat(r.passes()).isTrue();
        assertThat(r.toString()).contains("precision 1.000");
    }

    @Test
    void countsMistakes() {
        List<Alert> alerts = new ArrayList<>();
        alerts.add(steal("u0", "a", "K", 10));
        alerts.add(steal("u1", "a", "K", 10));
        alerts.add(steal("trap1", "b", "K", 10));
        alerts.add(steal("fake1", "fixer", "F", 60));
        alerts.add(steal("crashed", "c", "C", 80));
        alerts.add(steal("early", "c", "C", 60));
        alerts.add(shift("Up", 50, 100, 200)); // before the shift: not a find
        alerts.add(shift("Down", 170, 100, 200)); // wrong direction
        alerts.add(shift("Stable", 170, 100, 200));
        List<PriceStat> stats = List.of(stat("F", 60, 80), stat("F", 70, Double.NaN));
        DetectionEvaluation.Report r = DetectionEvaluation.evaluate(alerts, stats, truth(), EPOCH, PAGE);
        assertThat(r.alertedItems).isEqualTo(6);
        assertThat(r.truePositives).isEqualTo(2);
        // The alert on the crashed key after the crash is a transition alert, not in precision.
        assertThat(r.precision).isCloseTo(2.0 / 5, within(1e-9));
        assertThat(r.strictPrecision).isCloseTo(2.0 / 6, within(1e-9));
        assertThat(r.recall).isCloseTo(0.5, within(1e-9));
        assertThat(r.missed).containsExactly("u2", "u3");
        assertThat(r.falsePositives).containsExactlyInAnyOrder("trap1", "fake1", "early");
        assertThat(r.transitionAlerts).isEqualTo(1);
        assertThat(r.maxTransitionAlerts).isEqualTo(1);
        assertThat(r.trapAlerts).isEqualTo(1);
        assertThat(r.trapAlertsByKind).containsEntry("divine-as-chaos", 1);
        assertThat(r.shiftsFound).isZero();
        assertThat(r.shiftsMissed).containsExactly("L|Up", "L|Down");
        assertThat(r.falseShifts).isEqualTo(1);
        assertThat(r.shiftAlerts).isEqualTo(3);
        assertThat(r.fixerMaxDeviation).isCloseTo(0.2, within(1e-9));
        assertThat(r.fixerAlerts).isEqualTo(1);
        assertThat(r.crashAlerts).isEqualTo(1);
        assertThat(r.passes()).isFalse();
        assertThat(r.failures()).hasSize(7);
    }

    @Test
    void aSecondSellerFlaggedAfterACrashFailsTheBar() {
        List<Alert> alerts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            alerts.add(steal("u" + i, "a", "K", 10));
        }
        alerts.add(shift("Up", 160, 100, 200));
        alerts.add(shift("Down", 170, 100, 50));
        alerts.add(steal("first", "c1", "C", 70));
        DetectionEvaluation.Report one = DetectionEvaluation.evaluate(alerts, List.of(), truth(), EPOCH, PAGE);
        assertThat(one.passes()).isTrue();
        assertThat(one.transitions).extracting(t -> t.kind).containsExactly("crash", "shift down");
        assertThat(one.transitions.get(0)).satisfies(t -> {
            assertThat(t.alerts).isEqualTo(1);
            assertThat(t.firstAlertPage).isEqualTo(70);
        });
        alerts.add(steal("second", "c2", "C", 75));
        DetectionEvaluation.Report two = DetectionEvaluation.evaluate(alerts, List.of(), truth(), EPOCH, PAGE);
        assertThat(two.maxTransitionAlerts).isEqualTo(2);
        assertThat(two.passes()).isFalse();
        assertThat(two.precision).isEqualTo(1.0);
        assertThat(two.strictPrecision).isCloseTo(4.0 / 6, within(1e-9));
    }

    @Test
    void reportsShiftDelaysAndTheFixerBaseline() {
        List<Alert> alerts = List.of(shift("Up", 160, 100, 200), shift("Down", 170, 100, 50));
        List<PriceStat> stats = List.of(stat("F", 40, 97), stat("F", 60, 95), stat("F", 80, 104));
        DetectionEvaluation.Report r = DetectionEvaluation.evaluate(alerts, stats, truth(), EPOCH, PAGE);
        assertThat(r.shiftFindings).extracting(f -> f.alertPage).containsExactly(160L, 170L);
        assertThat(r.fixers).singleElement().satisfies(f -> {
            assertThat(f.baselineDeviation).isCloseTo(0.03, within(1e-9));
            assertThat(f.maxDeviation).isCloseTo(0.05, within(1e-9));
            assertThat(f.rows).isEqualTo(2);
        });
    }

    @Test
    void anEmptyRunOfAnEmptyMarketIsPerfect() {
        DetectionEvaluation.Report r = DetectionEvaluation.evaluate(List.of(), List.of(), new GroundTruth(), EPOCH, PAGE);
        assertThat(r.precision).isEqualTo(1.0);
        assertThat(r.recall).isEqualTo(1.0);
        assertThat(r.fixerMaxDeviation).isNaN();
        assertThat(r.passes()).isTrue();
    }
}
