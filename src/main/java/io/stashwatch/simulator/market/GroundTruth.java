package io.stashwatch.simulator.market;

import java.util.ArrayList;
import java.util.List;

/**
 * What the simulated market really contains, for scoring detection: injected underpriced listings,
 * traps that only look cheap, price shifts, stable keys, price-fixing accounts and real crashes.
 * Written as JSON next to a simulated river ({@code GroundTruth.json}); read back by evaluations.
 * Page indexes are 0-based positions in the river ({@code RiverFeed} index).
 */
public class GroundTruth {

    /** A listing priced far below its key's fair price: detection must alert on it. */
    public static class Underpriced {
        public String itemId;
        public String league;
        public String itemKey;
        public long pageIndex;
        public double priceChaos;
        public double fairChaos;
        /** Change id of the page it first appears in (page {@link #pageIndex}). */
        public String changeId;
        public String stashId;
        public String accountName;
        /** The item's note as written. */
        public String note;
    }

    /** A fair listing that only looks cheap: detection must not alert on it. */
    public static class Trap {
        public String itemId;
        public String league;
        public String itemKey;
        public long pageIndex;
        /** divine-as-chaos, exalted-as-chaos, links, gem-variant, card-stack, rare-item, ... */
        public String kind;
        /** Change id of the page it first appears in (page {@link #pageIndex}). */
        public String changeId;
        public String stashId;
        public String accountName;
        /** The item's note as written. */
        public String note;
        /** Chaos per unit the note is worth (amount x the league's rate). */
        public double priceChaos;
        /** Fair chaos per unit of its own key; 0 for items without a market price (rares). */
        public double fairChaos;
    }

    /** A key whose fair price moves by {@code factor} from {@code fromPage} on, for good. */
    public static class Shift {
        public String league;
        public String itemKey;
        public long fromPage;
        public double factor;
        public double oldChaos;
        public double newChaos;
    }

    /** An account posting many fake cheap listings of one key, repricing them, never selling. */
    public static class Fixer {
        public String accountName;
        public String league;
        public String itemKey;
        public double fairChaos;
        public double fakeChaos;
        public long fromPage;
        public String stashId;
    }

    /** A real market crash: from {@code fromPage} the cheap listings are the market. */
    public static class Crash {
        public String league;
        public String itemKey;
        public long fromPage;
        public double factor;
        public double oldChaos;
        public double newChaos;
    }

    public long seed;
    public long pages;
    public List<Underpriced> underpriced = new ArrayList<>();
    public List<Trap> traps = new ArrayList<>();
    public List<Shift> shifts = new ArrayList<>();
    /** "league|itemKey" of keys traded often enough to have a reference and whose price never moves. */
    public List<String> stableKeys = new ArrayList<>();
    public List<Fixer> fixers = new ArrayList<>();
    public List<Crash> crashes = new ArrayList<>();
    /** Fair chaos price per "league|itemKey" at page 0. */
    public java.util.Map<String, Double> fairChaos = new java.util.TreeMap<>();
    /** Chaos per unit of each currency (Currency Exchange id: divine, exalted, alch, ...) per league. */
    public java.util.Map<String, java.util.Map<String, Double>> rates = new java.util.TreeMap<>();
}
