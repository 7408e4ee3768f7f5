package io.stashwatch.model;

/** Price statistics of one (league, item key) over one sliding window of river time. */
public class PriceStat {
    public String realm;
    public String league;
    public String itemKey;
    /** End of the window, river time ms (exclusive). */
    public long windowEnd;
    /** Listings in the window (after the per-account cap). */
    public int listings;
    /** Distinct accounts behind them. */
    public int accounts;
    public double medianChaos;
    public double p10Chaos;
    public double p90Chaos;
    /** The robust reference price (trimmed, capped); NaN when the key has too few samples. */
    public double referenceChaos = Double.NaN;

    public PriceStat() {
    }

    @Override
    public String toString() {
        return "PriceStat{" + league + " " + itemKey + " @" + windowEnd + " n=" + listings + " median=" + medianChaos
                + " ref=" + referenceChaos + "}";
    }
}
