package io.stashwatch.market;

/**
 * What {@link ReferenceEstimator} finds for one key over one window: descriptive statistics of the
 * capped listings and the robust reference price (NaN when the key has too few distinct accounts).
 */
public final class Estimate {
    /** The robust reference price in chaos, NaN when fewer than min-samples accounts survive the fence. */
    public final double reference;
    /** Listings after the per-account cap. */
    public final int listings;
    /** Distinct accounts behind them. */
    public final int accounts;
    /** Distinct accounts that survived the outlier fence (the samples behind the reference). */
    public final int samples;
    public final double median;
    public final double p10;
    public final double p90;

    Estimate(double reference, int listings, int accounts, int samples, double median, double p10, double p90) {
        this.reference = reference;
        this.listings = listings;
        this.accounts = accounts;
        this.samples = samples;
        this.median = median;
        this.p10 = p10;
        this.p90 = p90;
    }

    static final Estimate EMPTY = new Estimate(Double.NaN, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN);

    /** True when the key has a reference price. */
    public boolean hasReference() {
        return !Double.isNaN(reference);
    }

    @Override
    public String toString() {
        return "Estimate{ref=" + reference + " listings=" + listings + " accounts=" + accounts + " samples=" + samples
                + " median=" + median + "}";
    }
}
