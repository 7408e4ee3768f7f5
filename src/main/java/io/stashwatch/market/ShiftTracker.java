package io.stashwatch.market;

import java.util.Arrays;

/**
 * Price-shift detection for one key, fed once per window slide. A Flink POJO (its state).
 *
 * <p>At every window end E the tracker receives the window reference R(E) (robust, over the
 * window) and the recent median r(E) (newest k accounts), and compares them with a baseline: the
 * <em>established</em> level of the previous, non-overlapping window, i.e. the median of the
 * settled references at the window ends in (E − 2W, E − W], when at least half of those ends were
 * settled; or, while that span still reaches back to a confirmed shift, the new level itself. A
 * window end is settled when no candidate was open after it and R and r agreed within √ratio;
 * ends inside a blip, or while old listings of a blip still linger in the window, are no baseline.
 * An old level has to have held for a window, as a new one has: a single window end whose
 * reference stood apart (a thin window where a few high asks outlived the rest) is not a level
 * a later, normal window has "shifted" from.
 *
 * <ol>
 *   <li><b>Open</b> a candidate when the recent median has moved by at least {@code ratio} (up) or
 *       {@code 1/ratio} (down) from the baseline, and both sides have a reference (enough samples).
 *       The recent median reacts within a few listings, so the baseline is still the old level.</li>
 *   <li><b>Close</b> it (a blip) as soon as the recent median falls back more than half way
 *       (in log terms: within √ratio of the frozen baseline).</li>
 *   <li><b>Confirm</b> it once it has stayed open for a full window and the window reference itself
 *       has moved by {@code ratio}: one {@code price_shift} with the old level (baseline) and the
 *       new one (R). The new level is the baseline while the baseline span overlaps the move, so one
 *       move alerts once.</li>
 * </ol>
 * A candidate that the window reference never follows is dropped after three windows. Keys
 * without a reference (thin) never open a candidate.
 */
public class ShiftTracker {
    /** Window ends of the last two windows of slides (ring, one slot per slide). */
    public long[] ends = new long[0];
    /** The settled reference at those ends, NaN when not settled (or no reference). */
    public double[] settled = new double[0];
    /** Window end at which the open candidate was opened, Long.MIN_VALUE when none is open. */
    public long openSince = Long.MIN_VALUE;
    /** +1 up, -1 down. */
    public int openDir;
    /** Baseline frozen when the candidate opened. */
    public double openBase = Double.NaN;
    /** Level after the last confirmed shift and the window end it was confirmed at. */
    public double anchor = Double.NaN;
    public long anchorEnd = Long.MIN_VALUE;

    public ShiftTracker() {
    }

    /** A confirmed shift: the old and new reference. */
    public static final class Shift {
        public final double oldReference;
        public final double newReference;

        Shift(double oldReference, double newReference) {
            this.oldReference = oldReference;
            this.newReference = newReference;
        }

        @Override
        public String toString() {
            return "Shift{" + oldReference + " -> " + newReference + "}";
        }
    }

    /**
     * Feeds the references of the window ending at {@code end}.
     *
     * @param windowRef the window's robust reference (NaN when thin)
     * @param recentRef the recent median (NaN when none)
     * @param window    detect.window in ms
     * @param slide     detect.slide in ms
     * @param ratio     detect.shift-ratio (&gt; 1)
     * @return the confirmed shift, or null
     */
    public Shift update(long end, double windowRef, double recentRef, long window, long slide, double ratio) {
        double half = Math.sqrt(ratio);
        Shift shift = null;
        if (!isOpen()) {
            double base = baseline(end, window, slide);
            if (!Double.isNaN(base) && !Double.isNaN(windowRef) && !Double.isNaN(recentRef)) {
                int dir = direction(recentRef / base, ratio);
                if (dir != 0) {
                    openSince = end;
                    openDir = dir;
                    openBase = base;
                }
            }
        } else if (!Double.isNaN(recentRef) && direction(recentRef / openBase, half) != openDir) {
            close(); // a blip: the newest sellers are back near the old level
        } else if (end - openSince >= window && !Double.isNaN(windowRef)
                && direction(windowRef / openBase, ratio) == openDir) {
            shift = new Shift(openBase, windowRef);
            anchor = windowRef;
            anchorEnd = end;
            close();
        } else if (end - openSince > 3 * window) {
            close();
        }
        boolean agree = windowRef > 0 && recentRef > 0 && Math.abs(Math.log(windowRef / recentRef)) <= Math.log(half);
        record(end, !isOpen() && agree ? windowRef : Double.NaN, window, slide);
        return shift;
    }

    /** True while a candidate shift is open. */
    public boolean isOpen() {
        return openSince != Long.MIN_VALUE;
    }

    private void close() {
        openSince = Long.MIN_VALUE;
        openDir = 0;
        openBase = Double.NaN;
    }

    private static int direction(double r, double ratio) {
        if (r >= ratio) {
            return 1;
        }
        if (r <= 1 / ratio) {
            return -1;
        }
        return 0;
    }

    private void record(long end, double value, long window, long slide) {
        int slots = (int) Math.min(8192, 2 * (window / Math.max(1, slide)) + 2);
        if (ends.length != slots || settled.length != slots) {
            long[] e = new long[slots];
            double[] v = new double[slots];
            Arrays.fill(e, Long.MIN_VALUE);
            Arrays.fill(v, Double.NaN);
            for (int i = 0; i < ends.length && i < settled.length; i++) {
                if (ends[i] != Long.MIN_VALUE) {
                    int s = slot(ends[i], slide, slots);
                    if (e[s] == Long.MIN_VALUE || e[s] < ends[i]) {
                        e[s] = ends[i];
                        v[s] = settled[i];
                    }
                }
            }
            ends = e;
            settled = v;
        }
        int s = slot(end, slide, slots);
        ends[s] = end;
        settled[s] = value;
    }

    /**
     * The established level one window back: the median of the settled references at the window
     * ends in (end − 2·window, end − window], NaN unless at least half of those ends were settled;
     * the confirmed new level while that span reaches back to the confirmed shift.
     */
    private double baseline(long end, long window, long slide) {
        if (anchorEnd != Long.MIN_VALUE && end - 2 * window < anchorEnd) {
            return anchor;
        }
        long hi = end - window;
        long lo = end - 2 * window;
        double[] values = new double[ends.length];
        int n = 0;
        for (int i = 0; i < ends.length; i++) {
            if (ends[i] != Long.MIN_VALUE && ends[i] > lo && ends[i] <= hi && !Double.isNaN(settled[i])) {
                values[n++] = settled[i];
            }
        }
        long span = Math.max(1, window / Math.max(1, slide));
        if (n == 0 || 2L * n < span) {
            return Double.NaN;
        }
        Arrays.sort(values, 0, n);
        return n % 2 == 1 ? values[n / 2] : Math.sqrt(values[n / 2 - 1] * values[n / 2]);
    }

    private static int slot(long end, long slide, int slots) {
        return (int) Math.floorMod(Math.floorDiv(end, Math.max(1, slide)), (long) slots);
    }
}
