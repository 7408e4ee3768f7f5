package io.stashwatch.simulator.market;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which keys of the main league the scenarios use and when: price shifts, the crash, the price
 * fixer, and the schedule of injected underpriced listings and traps. Derived from the settings and
 * the fair prices only, so the generator and its replays agree.
 */
final class ScenarioPlan {
    /** Trap kinds, in the order injections cycle through them. */
    static final String[] TRAP_KINDS = {
        "divine-as-chaos", "links", "gem-variant", "card-stack", "exalted-as-chaos", "rare-item",
    };

    final boolean[] scenarioKey;
    final int[] shiftKey;
    final long[] shiftFrom;
    final double[] shiftFactor;
    int crashKey = -1;
    long crashFrom;
    final double crashFactor = 0.3;
    int fixerKey = -1;
    long fixerFrom;
    final int fixerListings = 24;
    final int fixerEvery = 3;
    int fixerAccount = -1;
    int fixerStash = -1;
    /** Pages after a shift or crash during which extra sellers list the key at its new price. */
    final int boostPages = 40;
    final long warmup;
    private final long end;
    private final double underGap;
    private final double trapGap;
    private final long seed;

    ScenarioPlan(World w) {
        MarketSettings s = w.settings;
        this.seed = s.seed();
        long h = s.horizon();
        warmup = s.effectiveWarmup();
        end = s.endless() ? Long.MAX_VALUE : s.pages();
        underGap = s.underpriced() && s.underpricedPer100Pages() > 0 ? 100.0 / s.underpricedPer100Pages() : 0;
        trapGap = s.traps() && s.trapsPer100Pages() > 0 ? 100.0 / s.trapsPer100Pages() : 0;
        scenarioKey = new boolean[w.keys.size()];

        // Candidates: popular (well traded) uniques, gems and cards of the main league in a sensible price range.
        List<KeyDef> candidates = new ArrayList<>();
        for (KeyDef k : w.keys) {
            double f = w.fair[0][k.index];
            if ((k.kind == Kind.UNIQUE || k.kind == Kind.GEM || k.kind == Kind.CARD) && f >= 25 && f <= 2500
                    && k.popularity >= 1.5) {
                candidates.add(k);
            }
        }
        candidates.sort(Comparator.comparingDouble((KeyDef k) -> -k.popularity).thenComparingInt(k -> k.index));
        List<KeyDef> top = new ArrayList<>(candidates.subList(0, Math.min(24, candidates.size())));
        Rng rng = new Rng(Rng.hash(seed, 0x5CE7L));
        for (int i = top.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            KeyDef t = top.get(i);
            top.set(i, top.get(j));
            top.set(j, t);
        }
        int next = 0;
        int n = s.shifts() ? Math.min(s.shiftCount(), top.size()) : 0;
        shiftKey = new int[n];
        shiftFrom = new long[n];
        shiftFactor = new double[n];
        for (int i = 0; i < n; i++) {
            shiftKey[i] = top.get(next++).index;
            shiftFrom[i] = (long) (h * (0.3 + 0.4 * (i + 0.5) / n));
            shiftFactor[i] = i % 2 == 0 ? 2.0 : 0.5;
            scenarioKey[shiftKey[i]] = true;
        }
        if (s.crash() && next < top.size()) {
            crashKey = top.get(next++).index;
            crashFrom = (long) (h * 0.75);
            scenarioKey[crashKey] = true;
        }
        if (s.fixer() && next < top.size()) {
            fixerKey = top.get(next++).index;
            fixerFrom = Math.max(1, (long) (h * 0.15));
            scenarioKey[fixerKey] = true;
        }
    }

    /** Multiplier of the main-league fair price of a scenario key at a page. */
    double factor(int key, long page) {
        for (int i = 0; i < shiftKey.length; i++) {
            if (shiftKey[i] == key) {
                return page >= shiftFrom[i] ? shiftFactor[i] : 1.0;
            }
        }
        if (key == crashKey) {
            return page >= crashFrom ? crashFactor : 1.0;
        }
        return 1.0;
    }

    /** Underpriced listings to inject at a page. */
    int underpricedAt(long page) {
        return scheduled(page, underGap, 0x0DE7L, null);
    }

    /** Trap kinds (indexes into {@link #TRAP_KINDS}) to inject at a page. */
    List<Integer> trapsAt(long page) {
        List<Integer> kinds = new ArrayList<>(1);
        scheduled(page, trapGap, 0x7EA9L, kinds);
        return kinds;
    }

    /** Occurrences i whose page is {@code warmup + floor((i + 0.8 u_i) * gap)} equal to {@code page}. */
    private int scheduled(long page, double gap, long salt, List<Integer> kindsOut) {
        if (gap <= 0 || page < warmup || page >= end) {
            return 0;
        }
        long i = Math.max(0, (long) Math.floor((page - warmup) / gap) - 1);
        int count = 0;
        for (; ; i++) {
            double u = Rng.unit(Rng.hash(seed, salt, i));
            long p = warmup + (long) Math.floor(i * gap + u * 0.8 * gap);
            if (p > page) {
                break;
            }
            if (p == page) {
                count++;
                if (kindsOut != null) {
                    kindsOut.add((int) (i % TRAP_KINDS.length));
                }
            }
        }
        return count;
    }

    /** True when the fixer touches its stash at this page. */
    boolean fixerTouches(long page) {
        return fixerKey >= 0 && page >= fixerFrom && (page - fixerFrom) % fixerEvery == 0;
    }
}
