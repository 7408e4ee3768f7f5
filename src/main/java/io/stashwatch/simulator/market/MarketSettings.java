package io.stashwatch.simulator.market;

import io.stashwatch.config.Config;
import io.stashwatch.config.Options;
import java.util.List;

/**
 * Everything that determines a simulated river: the same settings give byte-identical pages.
 * Immutable; build with {@link #builder()} or start from a preset ({@link #demo(long)},
 * {@link #benchmark(long, long)}, {@link #fromConfig(Config)}) and adjust with {@link #toBuilder()}.
 *
 * <p>Only {@link #cacheBytes()}, {@link #snapshotEvery()} and {@link #maxSnapshots()} tune how pages
 * are kept and do not change their content. {@link #cxOriginHour()} anchors Currency Exchange hours.
 */
public final class MarketSettings {
    /** {@link #pages()} of an endless river. */
    public static final long ENDLESS = -1;

    private final long seed;
    private final long pages;
    private final int stashesPerPage;
    private final List<String> leagues;
    private final List<Double> leagueWeights;
    private final int accounts;
    private final boolean underpriced;
    private final boolean traps;
    private final boolean shifts;
    private final boolean fixer;
    private final boolean crash;
    private final double underpricedPer100Pages;
    private final double trapsPer100Pages;
    private final int shiftCount;
    private final int warmupPages;
    private final long scenarioHorizon;
    private final int minDistinctAccounts;
    private final int referencePages;
    private final double modObjectShare;
    private final long cacheBytes;
    private final int snapshotEvery;
    private final int maxSnapshots;
    private final Long cxOriginHour;

    private MarketSettings(Builder b) {
        this.seed = b.seed;
        this.pages = b.pages;
        this.stashesPerPage = b.stashesPerPage;
        this.leagues = List.copyOf(b.leagues);
        this.leagueWeights = List.copyOf(b.leagueWeights);
        this.accounts = b.accounts;
        this.underpriced = b.underpriced;
        this.traps = b.traps;
        this.shifts = b.shifts;
        this.fixer = b.fixer;
        this.crash = b.crash;
        this.underpricedPer100Pages = b.underpricedPer100Pages;
        this.trapsPer100Pages = b.trapsPer100Pages;
        this.shiftCount = b.shiftCount;
        this.warmupPages = b.warmupPages;
        this.scenarioHorizon = b.scenarioHorizon;
        this.minDistinctAccounts = b.minDistinctAccounts;
        this.referencePages = b.referencePages;
        this.modObjectShare = b.modObjectShare;
        this.cacheBytes = b.cacheBytes;
        this.snapshotEvery = b.snapshotEvery;
        this.maxSnapshots = b.maxSnapshots;
        this.cxOriginHour = b.cxOriginHour;
        validate();
    }

    private void validate() {
        if (pages == 0 || pages < ENDLESS) {
            throw new IllegalArgumentException("pages must be positive or ENDLESS (-1), was " + pages);
        }
        if (stashesPerPage < 1 || stashesPerPage > 5000) {
            throw new IllegalArgumentException("stashes per page must be 1..5000, was " + stashesPerPage);
        }
        if (leagues.isEmpty() || leagues.size() != leagueWeights.size()) {
            throw new IllegalArgumentException("need at least one league and one weight per league");
        }
        for (double w : leagueWeights) {
            if (!(w > 0)) {
                throw new IllegalArgumentException("league weights must be positive");
            }
        }
        if (accounts < Math.max(20, 2 * stashesPerPage)) {
            throw new IllegalArgumentException("accounts must be at least max(20, 2 x stashes per page) = "
                    + Math.max(20, 2 * stashesPerPage) + ", was " + accounts);
        }
        if (underpricedPer100Pages < 0 || trapsPer100Pages < 0 || underpricedPer100Pages > 1000
                || trapsPer100Pages > 1000) {
            throw new IllegalArgumentException("injection rates must be 0..1000 per 100 pages");
        }
        if (shiftCount < 0 || shiftCount > 10) {
            throw new IllegalArgumentException("shift count must be 0..10");
        }
        if (scenarioHorizon < 50) {
            throw new IllegalArgumentException("scenario horizon must be at least 50 pages");
        }
        if (minDistinctAccounts < 1 || minDistinctAccounts > MarketState.RECENT / 2) {
            throw new IllegalArgumentException("min distinct accounts must be 1.." + MarketState.RECENT / 2);
        }
        if (referencePages < 10) {
            throw new IllegalArgumentException("reference pages must be at least 10");
        }
        if (modObjectShare < 0 || modObjectShare > 1) {
            throw new IllegalArgumentException("mod object share must be 0..1");
        }
        if (snapshotEvery < 1 || maxSnapshots < 2 || cacheBytes < 0) {
            throw new IllegalArgumentException("snapshotEvery >= 1, maxSnapshots >= 2, cacheBytes >= 0");
        }
        if (cxOriginHour != null && cxOriginHour % 3600 != 0) {
            throw new IllegalArgumentException("cxOriginHour must be a multiple of 3600");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The demo river: 400 pages of 60 stashes (a few hundred MB), every scenario on. */
    public static MarketSettings demo(long seed) {
        return builder().seed(seed).pages(400).stashesPerPage(60).accounts(900).build();
    }

    /** A benchmark corpus: 250 stashes per page like the live river (a few MB per page). */
    public static MarketSettings benchmark(long seed, long pages) {
        return builder().seed(seed).pages(pages).stashesPerPage(250).accounts(4000).build();
    }

    /**
     * The simulator options of a run: {@code sim.seed}, {@code sim.pages} (0 = endless) and
     * {@code sim.stashes-per-page}; everything else as in {@link #demo(long)}, with enough accounts
     * for the page size.
     */
    public static MarketSettings fromConfig(Config config) {
        int spp = config.get(Options.SIM_STASHES_PER_PAGE);
        int pages = config.get(Options.SIM_PAGES);
        return builder()
                .seed(config.get(Options.SIM_SEED))
                .pages(pages == 0 ? ENDLESS : pages)
                .stashesPerPage(spp)
                .accounts(Math.max(300, 15 * spp))
                .build();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.seed = seed;
        b.pages = pages;
        b.stashesPerPage = stashesPerPage;
        b.leagues = leagues;
        b.leagueWeights = leagueWeights;
        b.accounts = accounts;
        b.underpriced = underpriced;
        b.traps = traps;
        b.shifts = shifts;
        b.fixer = fixer;
        b.crash = crash;
        b.underpricedPer100Pages = underpricedPer100Pages;
        b.trapsPer100Pages = trapsPer100Pages;
        b.shiftCount = shiftCount;
        b.warmupPages = warmupPages;
        b.scenarioHorizon = scenarioHorizon;
        b.minDistinctAccounts = minDistinctAccounts;
        b.referencePages = referencePages;
        b.modObjectShare = modObjectShare;
        b.cacheBytes = cacheBytes;
        b.snapshotEvery = snapshotEvery;
        b.maxSnapshots = maxSnapshots;
        b.cxOriginHour = cxOriginHour;
        return b;
    }

    public long seed() {
        return seed;
    }

    /** Pages in the river, or {@link #ENDLESS}. */
    public long pages() {
        return pages;
    }

    public boolean endless() {
        return pages == ENDLESS;
    }

    public int stashesPerPage() {
        return stashesPerPage;
    }

    /** League names; the first is the main league (most volume, scenarios). */
    public List<String> leagues() {
        return leagues;
    }

    /** Relative share of accounts per league. */
    public List<Double> leagueWeights() {
        return leagueWeights;
    }

    public int accounts() {
        return accounts;
    }

    public boolean underpriced() {
        return underpriced;
    }

    public boolean traps() {
        return traps;
    }

    public boolean shifts() {
        return shifts;
    }

    public boolean fixer() {
        return fixer;
    }

    public boolean crash() {
        return crash;
    }

    /** Injected underpriced listings per 100 pages (after the warm-up). */
    public double underpricedPer100Pages() {
        return underpricedPer100Pages;
    }

    /** Injected (recorded) trap listings per 100 pages (after the warm-up). */
    public double trapsPer100Pages() {
        return trapsPer100Pages;
    }

    public int shiftCount() {
        return shiftCount;
    }

    /** Pages before the first injection; -1 = automatic (8 % of the scenario horizon, at least 30). */
    public int warmupPages() {
        return warmupPages;
    }

    /** Effective warm-up in pages. */
    public long effectiveWarmup() {
        return warmupPages >= 0 ? warmupPages : Math.max(30, horizon() * 8 / 100);
    }

    /** Pages over which shifts, the crash and the fixer are placed for an endless river. */
    public long scenarioHorizon() {
        return scenarioHorizon;
    }

    /** The river length scenarios are placed in: pages, or the scenario horizon when endless. */
    public long horizon() {
        return endless() ? scenarioHorizon : pages;
    }

    /**
     * Distinct accounts that must have listed a key in the {@link #referencePages()} pages before an
     * underpriced listing uses it (traps prefer such keys too), so a reference price exists.
     */
    public int minDistinctAccounts() {
        return minDistinctAccounts;
    }

    /** The look-back, in pages, of {@link #minDistinctAccounts()}; align detection windows with it. */
    public int referencePages() {
        return referencePages;
    }

    /** Share of items whose mods are written as {"description","flags"} objects (3.29+ shape). */
    public double modObjectShare() {
        return modObjectShare;
    }

    /** Bytes of generated pages kept in memory; older pages are regenerated from snapshots. */
    public long cacheBytes() {
        return cacheBytes;
    }

    /** A copy of the generator state is kept every this many pages. */
    public int snapshotEvery() {
        return snapshotEvery;
    }

    /** Most snapshots kept; beyond, every other one is dropped (old pages take longer to regenerate). */
    public int maxSnapshots() {
        return maxSnapshots;
    }

    /** Unix hour (seconds) the Currency Exchange digests are anchored to, or null for the feed's creation hour. */
    public Long cxOriginHour() {
        return cxOriginHour;
    }

    @Override
    public String toString() {
        return "MarketSettings{seed=" + seed + ", pages=" + (endless() ? "endless" : pages) + ", stashesPerPage="
                + stashesPerPage + ", leagues=" + leagues + ", accounts=" + accounts + ", underpriced="
                + (underpriced ? underpricedPer100Pages + "/100p" : "off") + ", traps="
                + (traps ? trapsPer100Pages + "/100p" : "off") + ", shifts=" + (shifts ? shiftCount : 0)
                + ", fixer=" + fixer + ", crash=" + crash + "}";
    }

    /** Builder with the demo defaults. */
    public static final class Builder {
        private long seed = 42;
        private long pages = 400;
        private int stashesPerPage = 60;
        private List<String> leagues = List.of("Settlers", "Hardcore Settlers", "Standard");
        private List<Double> leagueWeights = List.of(0.7, 0.12, 0.18);
        private int accounts = 900;
        private boolean underpriced = true;
        private boolean traps = true;
        private boolean shifts = true;
        private boolean fixer = true;
        private boolean crash = true;
        private double underpricedPer100Pages = 7;
        private double trapsPer100Pages = 12;
        private int shiftCount = 3;
        private int warmupPages = -1;
        private long scenarioHorizon = 400;
        private int minDistinctAccounts = 10;
        private int referencePages = 100;
        private double modObjectShare = 0.2;
        private long cacheBytes = 64L << 20;
        private int snapshotEvery = 32;
        private int maxSnapshots = 32;
        private Long cxOriginHour;

        private Builder() {
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /** Pages in the river, or {@link MarketSettings#ENDLESS}. */
        public Builder pages(long v) {
            pages = v;
            return this;
        }

        public Builder endless() {
            pages = ENDLESS;
            return this;
        }

        public Builder stashesPerPage(int v) {
            stashesPerPage = v;
            return this;
        }

        /** Leagues and their relative account shares; the first league is the main one. */
        public Builder leagues(List<String> names, List<Double> weights) {
            leagues = List.copyOf(names);
            leagueWeights = List.copyOf(weights);
            return this;
        }

        public Builder accounts(int v) {
            accounts = v;
            return this;
        }

        public Builder underpriced(boolean on) {
            underpriced = on;
            return this;
        }

        public Builder traps(boolean on) {
            traps = on;
            return this;
        }

        public Builder shifts(boolean on) {
            shifts = on;
            return this;
        }

        public Builder fixer(boolean on) {
            fixer = on;
            return this;
        }

        public Builder crash(boolean on) {
            crash = on;
            return this;
        }

        /** Turns every scenario on or off. */
        public Builder scenarios(boolean on) {
            underpriced = traps = shifts = fixer = crash = on;
            return this;
        }

        public Builder underpricedPer100Pages(double v) {
            underpricedPer100Pages = v;
            return this;
        }

        public Builder trapsPer100Pages(double v) {
            trapsPer100Pages = v;
            return this;
        }

        public Builder shiftCount(int v) {
            shiftCount = v;
            return this;
        }

        public Builder warmupPages(int v) {
            warmupPages = v;
            return this;
        }

        public Builder scenarioHorizon(long v) {
            scenarioHorizon = v;
            return this;
        }

        public Builder minDistinctAccounts(int v) {
            minDistinctAccounts = v;
            return this;
        }

        public Builder referencePages(int v) {
            referencePages = v;
            return this;
        }

        public Builder modObjectShare(double v) {
            modObjectShare = v;
            return this;
        }

        public Builder cacheBytes(long v) {
            cacheBytes = v;
            return this;
        }

        public Builder snapshotEvery(int v) {
            snapshotEvery = v;
            return this;
        }

        public Builder maxSnapshots(int v) {
            maxSnapshots = v;
            return this;
        }

        /** Anchor for Currency Exchange hours (a multiple of 3600), or null for the feed's creation hour. */
        public Builder cxOriginHour(Long unixHourSeconds) {
            cxOriginHour = unixHourSeconds;
            return this;
        }

        public MarketSettings build() {
            return new MarketSettings(this);
        }
    }
}
