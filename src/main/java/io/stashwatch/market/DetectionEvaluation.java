package io.stashwatch.market;

import io.stashwatch.model.Alert;
import io.stashwatch.model.AlertKind;
import io.stashwatch.model.PriceStat;
import io.stashwatch.simulator.market.GroundTruth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Scores detection output against a simulated market's {@link GroundTruth}: underpriced precision
 * and recall (by item id, one alerted item counts once however often it was re-alerted), alerts on
 * traps, price shifts found and false shifts on stable keys, how far a price fixer moved its key's
 * reference, and alerts on fixers' listings and after crashes.
 *
 * <p>Pages of the ground truth are mapped to river time as {@code epoch + index × pageInterval}
 * (the job's first page is the river's page 0).
 */
public final class DetectionEvaluation {
    private DetectionEvaluation() {
    }

    /** The figures. */
    public static final class Report {
        /** Distinct items with an underpriced alert. */
        public int alertedItems;
        /** Of those, items the ground truth lists as underpriced. */
        public int truePositives;
        /** Underpriced items in the ground truth. */
        public int underpriced;
        public double precision;
        public double recall;
        /** Alerted items that are traps, in total and per trap kind. */
        public int trapAlerts;
        public final Map<String, Integer> trapAlertsByKind = new TreeMap<>();
        public int shifts;
        public int shiftsFound;
        /** price_shift alerts on keys the ground truth calls stable. */
        public int falseShifts;
        public int shiftAlerts;
        /** Largest |reference / fair − 1| of a fixer's key in windows ending after the fixer started (NaN: no data). */
        public double fixerMaxDeviation = Double.NaN;
        /** Underpriced alerts on listings of fixing accounts (their keys). */
        public int fixerAlerts;
        /** Underpriced alerts on crashed keys from the crash on (informational). */
        public int crashAlerts;
        /** Underpriced items not alerted; alerted items that are not underpriced (for diagnosis). */
        public final List<String> missed = new ArrayList<>();
        public final List<String> falsePositives = new ArrayList<>();
        /** Ground-truth shifts not found, as "league|key". */
        public final List<String> shiftsMissed = new ArrayList<>();

        /** The acceptance bar: precision and recall ≥ 0.95, no trap alert, every shift, no false shift, fixer ≤ 10 %. */
        public boolean passes() {
            return precision >= 0.95 && recall >= 0.95 && trapAlerts == 0 && shiftsFound == shifts && falseShifts == 0
                    && (Double.isNaN(fixerMaxDeviation) || fixerMaxDeviation <= 0.10);
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT,
                    "underpriced precision %.3f (%d/%d) recall %.3f (%d/%d); trap alerts %d %s; shifts found %d/%d, "
                            + "false shifts %d (of %d shift alerts); fixer max deviation %.3f, fixer alerts %d; crash alerts %d",
                    precision, truePositives, alertedItems, recall, underpriced - missed.size(), underpriced, trapAlerts,
                    trapAlertsByKind, shiftsFound, shifts, falseShifts, shiftAlerts, fixerMaxDeviation, fixerAlerts,
                    crashAlerts);
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
        Map<String, String> trapKinds = new TreeMap<>();
        for (GroundTruth.Trap t : truth.traps) {
            trapKinds.put(t.itemId, t.kind);
        }
        Set<String> alerted = new TreeSet<>();
        for (Alert a : alerts) {
            if (a.kind == AlertKind.UNDERPRICED && a.itemId != null) {
                alerted.add(a.itemId);
            }
        }
        r.alertedItems = alerted.size();
        r.underpriced = underpricedIds.size();
        for (String id : alerted) {
            if (underpricedIds.contains(id)) {
                r.truePositives++;
            } else {
                r.falsePositives.add(id);
            }
            String kind = trapKinds.get(id);
            if (kind != null) {
                r.trapAlerts++;
                r.trapAlertsByKind.merge(kind, 1, Integer::sum);
            }
        }
        for (String id : new TreeSet<>(underpricedIds)) {
            if (!alerted.contains(id)) {
                r.missed.add(id);
            }
        }
        r.precision = r.alertedItems == 0 ? 1.0 : (double) r.truePositives / r.alertedItems;
        r.recall = r.underpriced == 0 ? 1.0 : (double) (r.underpriced - r.missed.size()) / r.underpriced;

        Set<String> stable = new HashSet<>(truth.stableKeys);
        List<Alert> shiftAlerts = new ArrayList<>();
        for (Alert a : alerts) {
            if (a.kind == AlertKind.PRICE_SHIFT) {
                shiftAlerts.add(a);
                if (stable.contains(a.league + "|" + a.itemKey)) {
                    r.falseShifts++;
                }
            }
        }
        r.shiftAlerts = shiftAlerts.size();
        r.shifts = truth.shifts.size();
        for (GroundTruth.Shift s : truth.shifts) {
            long from = epochMillis + s.fromPage * pageIntervalMillis;
            boolean up = s.factor > 1;
            boolean found = false;
            for (Alert a : shiftAlerts) {
                if (s.league.equals(a.league) && s.itemKey.equals(a.itemKey) && a.riverTime >= from
                        && (a.priceChaos > a.referenceChaos) == up) {
                    found = true;
                    break;
                }
            }
            if (found) {
                r.shiftsFound++;
            } else {
                r.shiftsMissed.add(s.league + "|" + s.itemKey);
            }
        }

        for (GroundTruth.Fixer f : truth.fixers) {
            long from = epochMillis + f.fromPage * pageIntervalMillis;
            for (PriceStat st : stats) {
                if (f.league.equals(st.league) && f.itemKey.equals(st.itemKey) && st.windowEnd > from
                        && !Double.isNaN(st.referenceChaos) && f.fairChaos > 0) {
                    double dev = Math.abs(st.referenceChaos / f.fairChaos - 1);
                    if (Double.isNaN(r.fixerMaxDeviation) || dev > r.fixerMaxDeviation) {
                        r.fixerMaxDeviation = dev;
                    }
                }
            }
            for (Alert a : alerts) {
                if (a.kind == AlertKind.UNDERPRICED && f.accountName.equals(a.accountName) && f.league.equals(a.league)
                        && f.itemKey.equals(a.itemKey)) {
                    r.fixerAlerts++;
                }
            }
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
}
