package io.stashwatch.market;

import io.stashwatch.model.Alert;
import io.stashwatch.model.AlertKind;
import io.stashwatch.model.PriceStat;
import io.stashwatch.simulator.market.GroundTruth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Scores detection output against a simulated market's {@link GroundTruth}.
 *
 * <p>How each figure is scored (items by item id; an item alerted several times counts once):
 * <ul>
 *   <li><b>Underpriced precision and recall.</b> A true positive is an alerted item the ground truth
 *       lists as underpriced; every other alerted item is a false positive (traps, a fixer's fakes,
 *       fair listings), except transition alerts (next). Recall is the share of ground-truth
 *       underpriced items alerted.</li>
 *   <li><b>Transitions.</b> A ground-truth crash, or a shift down, of a key from page P is a
 *       transition. An alert on that key at or after P on an item that is not ground-truth
 *       underpriced is a <em>transition alert</em>: the first seller at the new level cannot be told
 *       from a steal when it is listed (nothing after it exists yet), every later one must be seen
 *       as the new market. Transition alerts are left out of precision (reported, and counted in
 *       {@link Report#strictPrecision}); the bar is at most {@link #MAX_TRANSITION_ALERTS} per
 *       transition, so after the first seller new listings of a crashed key are not flagged.</li>
 *   <li><b>Traps</b>: alerted items the ground truth lists as traps, by kind; the bar is none.</li>
 *   <li><b>Shifts.</b> A ground-truth shift is found by a {@code price_shift} alert on its key, at
 *       or after its first page, in its direction. A shift alert on a key the ground truth calls
 *       stable is a false shift (bar: none). Shift alerts on other keys (crashed, or traded too
 *       thinly to be called stable) are counted for information.</li>
 *   <li><b>Fixer.</b> For each price-fixing account: the largest |reference / fair − 1| of its key's
 *       price_stats rows whose window ends after the fixer's first page, i.e. over the fixer's
 *       active pages (bar: 10 %); the same before the fixer started, as the noise level of that key
 *       without a fixer. Alerts on the fixer's own listings of its key are false positives and are
 *       also counted on their own.</li>
 * </ul>
 * Pages of the ground truth are mapped to river time as {@code epoch + index × pageInterval} (the
 * job's first page is the river's page 0).
 */
public final class DetectionEvaluation {
    /** Transition alerts allowed per crash or downward shift: the first seller at the new level. */
    public static final int MAX_TRANSITION_ALERTS = 1;
    /** Largest deviation of a fixer's key reference from its fair price. */
    public static final double MAX_FIXER_DEVIATION = 0.10;

    private DetectionEvaluation() {
    }

    /** A crash or downward shift and the alerts it drew. */
    public static final class Transition {
        public String key;
        public String kind;
        public long fromPage;
        public double factor;
        /** Distinct items alerted on the key at or after fromPage that are not ground-truth underpriced. */
        public int alerts;
        /** Page (seq) of the first and last such alert, -1 when none. */
        public long firstAlertPage = -1;
        public long lastAlertPage = -1;
    }

    /** A ground-truth shift and when it was reported. */
    public static final class ShiftFinding {
        public String key;
        public long fromPage;
        public double factor;
        /** Page (river time) of the first matching alert, -1 when not found. */
        public long alertPage = -1;
        public double oldReference = Double.NaN;
        public double newReference = Double.NaN;
    }

    /** A fixer and how far its key's reference moved. */
    public static final class FixerFinding {
        public String key;
        public String account;
        public long fromPage;
        public double fairChaos;
        public double fakeChaos;
        /** Largest |reference / fair − 1| after the fixer started (NaN: no reference in that time). */
        public double maxDeviation = Double.NaN;
        /** The same before the fixer started (NaN: no reference then). */
        public double baselineDeviation = Double.NaN;
        /** Rows with a reference after the fixer started. */
        public int rows;
        /** Alerts on the fixer's own listings of its key. */
        public int alerts;
    }

    /** The figures. */
    public static final class Report {
        /** Distinct items with an underpriced alert (transition alerts included). */
        public int alertedItems;
        /** Of those, items the ground truth lists as underpriced. */
        public int truePositives;
        /** Alerted items that are neither underpriced nor transition alerts. */
        public int falsePositiveCount;
        /** Underpriced items in the ground truth. */
        public int underpriced;
        /** TP / (TP + FP), transition alerts left out. */
        public double precision;
        /** TP / (TP + FP + transition alerts). */
        public double strictPrecision;
        public double recall;
        /** Alerted items that are traps, in total and per trap kind. */
        public int trapAlerts;
        public final Map<String, Integer> trapAlertsByKind = new TreeMap<>();
        /** Traps in the ground truth, per kind. */
        public final Map<String, Integer> trapsByKind = new TreeMap<>();
        public int shifts;
        public int shiftsFound;
        /** price_shift alerts on keys the ground truth calls stable. */
        public int falseShifts;
        public int shiftAlerts;
        /** price_shift alerts on keys that are neither shifted nor stable (crashed keys, thin keys). */
        public int otherShiftAlerts;
        /** Largest |reference / fair − 1| of a fixer's key in windows ending after the fixer started (NaN: no data). */
        public double fixerMaxDeviation = Double.NaN;
        /** Underpriced alerts on listings of fixing accounts (their keys). */
        public int fixerAlerts;
        /** Underpriced alerts on crashed keys from the crash on (alerts, not items). */
        public int crashAlerts;
        /** Transition alerts (distinct items) over all transitions, and the most on one transition. */
        public int transitionAlerts;
        public int maxTransitionAlerts;
        public final List<Transition> transitions = new ArrayList<>();
        public final List<ShiftFinding> shiftFindings = new ArrayList<>();
        public final List<FixerFinding> fixers = new ArrayList<>();
        /** Underpriced items not alerted; alerted items that are false positives (for diagnosis). */
        public final List<String> missed = new ArrayList<>();
        public final List<String> falsePositives = new ArrayList<>();
        /** Ground-truth shifts not found, as "league|key". */
        public final List<String> shiftsMissed = new ArrayList<>();

        /**
         * The acceptance bar: precision and recall ≥ 0.95, no trap alert, every shift found, no false
         * shift, fixer ≤ 10 %, no fixer alert, at most one transition alert per crash or shift down.
         */
        public boolean passes() {
            return failures().isEmpty();
        }

        /** The targets missed, one line each (empty when {@link #passes()}). */
        public List<String> failures() {
            List<String> f = new ArrayList<>();
            if (precision < 0.95) {
                f.add(String.format(Locale.ROOT, "precision %.3f < 0.95", precision));
            }
            if (recall < 0.95) {
                f.add(String.format(Locale.ROOT, "recall %.3f < 0.95", recall));
            }
            if (trapAlerts > 0) {
                f.add("alerts on traps: " + trapAlertsByKind);
            }
            if (shiftsFound < shifts) {
                f.add("shifts missed: " + shiftsMissed);
            }
            if (falseShifts > 0) {
                f.add(falseShifts + " false shifts on stable keys");
            }
            if (fixerMaxDeviation > MAX_FIXER_DEVIATION) {
                f.add(String.format(Locale.ROOT, "fixer moved its key's reference by %.3f", fixerMaxDeviation));
            }
            if (fixerAlerts > 0) {
                f.add(fixerAlerts + " alerts on fixers' listings");
            }
            if (maxTransitionAlerts > MAX_TRANSITION_ALERTS) {
                f.add(maxTransitionAlerts + " alerts after one crash or shift down (at most " + MAX_TRANSITION_ALERTS + ")");
            }
            return f;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT,
                    "underpriced precision %.3f (%d/%d) strict %.3f recall %.3f (%d/%d); trap alerts %d %s; "
                            + "shifts found %d/%d, false shifts %d (of %d shift alerts, %d on other keys); "
                            + "fixer max deviation %.3f, fixer alerts %d; transition alerts %d (max %d per transition); "
                            + "crash alerts %d",
                    precision, truePositives, truePositives + falsePositiveCount, strictPrecision, recall,
                    underpriced - missed.size(), underpriced, trapAlerts, trapAlertsByKind, shiftsFound, shifts,
                    falseShifts, shiftAlerts, otherShiftAlerts, fixerMaxDeviation, fixerAlerts, transitionAlerts,
                    maxTransitionAlerts, crashAlerts);
        }
    }

    /**
     * Scores alerts and price statistics of one run.
     *
     * @param epochMillis        river time of page 0
     * @param pageIntervalMillis river.page-interval
     */
    public static Report evaluate(List<Alert> alerts, List<PriceStat> stats, GroundTruth truth, long epochMillis,
            long pageIntervalMillis) {
        Report r = new Report();
        Set<String> underpricedIds = new HashSet<>();
        for (GroundTruth.Underpriced u : truth.underpriced) {
            underpricedIds.add(u.itemId);
        }
        Map<String, String> trapKinds = new HashMap<>();
        for (GroundTruth.Trap t : truth.traps) {
            trapKinds.put(t.itemId, t.kind);
            r.trapsByKind.merge(t.kind, 1, Integer::sum);
        }

        // Transitions: crashes and shifts down.
        Map<String, Transition> transitions = new TreeMap<>();
        for (GroundTruth.Crash c : truth.crashes) {
            transitions.put(c.league + "|" + c.itemKey, transition(c.league, c.itemKey, "crash", c.fromPage, c.factor));
        }
        for (GroundTruth.Shift s : truth.shifts) {
            if (s.factor < 1) {
                transitions.putIfAbsent(s.league + "|" + s.itemKey,
                        transition(s.league, s.itemKey, "shift down", s.fromPage, s.factor));
            }
        }

        // Underpriced: distinct items, the first alert of each.
        Map<String, Alert> firstByItem = new TreeMap<>();
        for (Alert a : alerts) {
            if (a.kind == AlertKind.UNDERPRICED && a.itemId != null) {
                Alert seen = firstByItem.get(a.itemId);
                if (seen == null || a.riverTime < seen.riverTime) {
                    firstByItem.put(a.itemId, a);
                }
            }
        }
        r.alertedItems = firstByItem.size();
        r.underpriced = underpricedIds.size();
        for (Map.Entry<String, Alert> e : firstByItem.entrySet()) {
            String id = e.getKey();
            Alert a = e.getValue();
            String kind = trapKinds.get(id);
            if (kind != null) {
                r.trapAlerts++;
                r.trapAlertsByKind.merge(kind, 1, Integer::sum);
            }
            if (underpricedIds.contains(id)) {
                r.truePositives++;
                continue;
            }
            Transition t = transitions.get(a.league + "|" + a.itemKey);
            long page = Math.floorDiv(a.riverTime - epochMillis, pageIntervalMillis);
            if (t != null && kind == null && page >= t.fromPage) {
                t.alerts++;
                t.firstAlertPage = t.firstAlertPage < 0 ? page : Math.min(t.firstAlertPage, page);
                t.lastAlertPage = Math.max(t.lastAlertPage, page);
                r.transitionAlerts++;
            } else {
                r.falsePositiveCount++;
                r.falsePositives.add(id);
            }
        }
        for (String id : new TreeSet<>(underpricedIds)) {
            if (!firstByItem.containsKey(id)) {
                r.missed.add(id);
            }
        }
        int judged = r.truePositives + r.falsePositiveCount;
        r.precision = judged == 0 ? 1.0 : (double) r.truePositives / judged;
        r.strictPrecision = r.alertedItems == 0 ? 1.0 : (double) r.truePositives / r.alertedItems;
        r.recall = r.underpriced == 0 ? 1.0 : (double) (r.underpriced - r.missed.size()) / r.underpriced;
        r.transitions.addAll(transitions.values());
        for (Transition t : r.transitions) {
            r.maxTransitionAlerts = Math.max(r.maxTransitionAlerts, t.alerts);
        }

        // Shifts.
        Set<String> stable = new HashSet<>(truth.stableKeys);
        Set<String> shifted = new HashSet<>();
        for (GroundTruth.Shift s : truth.shifts) {
            shifted.add(s.league + "|" + s.itemKey);
        }
        List<Alert> shiftAlerts = new ArrayList<>();
        for (Alert a : alerts) {
            if (a.kind == AlertKind.PRICE_SHIFT) {
                shiftAlerts.add(a);
                String key = a.league + "|" + a.itemKey;
                if (stable.contains(key)) {
                    r.falseShifts++;
                } else if (!shifted.contains(key)) {
                    r.otherShiftAlerts++;
                }
            }
        }
        shiftAlerts.sort(java.util.Comparator.comparingLong((Alert a) -> a.riverTime));
        r.shiftAlerts = shiftAlerts.size();
        r.shifts = truth.shifts.size();
        for (GroundTruth.Shift s : truth.shifts) {
            long from = epochMillis + s.fromPage * pageIntervalMillis;
            boolean up = s.factor > 1;
            ShiftFinding f = new ShiftFinding();
            f.key = s.league + "|" + s.itemKey;
            f.fromPage = s.fromPage;
            f.factor = s.factor;
            for (Alert a : shiftAlerts) {
                if (s.league.equals(a.league) && s.itemKey.equals(a.itemKey) && a.riverTime >= from
                        && (a.priceChaos > a.referenceChaos) == up) {
                    f.alertPage = Math.floorDiv(a.riverTime - epochMillis, pageIntervalMillis);
                    f.oldReference = a.referenceChaos;
                    f.newReference = a.priceChaos;
                    break;
                }
            }
            r.shiftFindings.add(f);
            if (f.alertPage >= 0) {
                r.shiftsFound++;
            } else {
                r.shiftsMissed.add(f.key);
            }
        }

        // Fixers.
        for (GroundTruth.Fixer fx : truth.fixers) {
            FixerFinding f = new FixerFinding();
            f.key = fx.league + "|" + fx.itemKey;
            f.account = fx.accountName;
            f.fromPage = fx.fromPage;
            f.fairChaos = fx.fairChaos;
            f.fakeChaos = fx.fakeChaos;
            long from = epochMillis + fx.fromPage * pageIntervalMillis;
            for (PriceStat st : stats) {
                if (fx.league.equals(st.league) && fx.itemKey.equals(st.itemKey) && !Double.isNaN(st.referenceChaos)
                        && fx.fairChaos > 0) {
                    double dev = Math.abs(st.referenceChaos / fx.fairChaos - 1);
                    if (st.windowEnd > from) {
                        f.rows++;
                        f.maxDeviation = Double.isNaN(f.maxDeviation) ? dev : Math.max(f.maxDeviation, dev);
                    } else {
                        f.baselineDeviation = Double.isNaN(f.baselineDeviation) ? dev : Math.max(f.baselineDeviation, dev);
                    }
                }
            }
            for (Alert a : alerts) {
                if (a.kind == AlertKind.UNDERPRICED && fx.accountName.equals(a.accountName) && fx.league.equals(a.league)
                        && fx.itemKey.equals(a.itemKey)) {
                    f.alerts++;
                }
            }
            r.fixerAlerts += f.alerts;
            if (!Double.isNaN(f.maxDeviation)) {
                r.fixerMaxDeviation = Double.isNaN(r.fixerMaxDeviation) ? f.maxDeviation
                        : Math.max(r.fixerMaxDeviation, f.maxDeviation);
            }
            r.fixers.add(f);
        }
        for (GroundTruth.Crash c : truth.crashes) {
            long from = epochMillis + c.fromPage * pageIntervalMillis;
            for (Alert a : alerts) {
                if (a.kind == AlertKind.UNDERPRICED && c.league.equals(a.league) && c.itemKey.equals(a.itemKey)
                        && a.riverTime >= from) {
                    r.crashAlerts++;
                }
            }
        }
        return r;
    }

    private static Transition transition(String league, String itemKey, String kind, long fromPage, double factor) {
        Transition t = new Transition();
        t.key = league + "|" + itemKey;
        t.kind = kind;
        t.fromPage = fromPage;
        t.factor = factor;
        return t;
    }
}
