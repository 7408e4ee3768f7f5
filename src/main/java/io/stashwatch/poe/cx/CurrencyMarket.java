package io.stashwatch.poe.cx;

import java.util.OptionalDouble;

/**
 * One market of an hour's digest: currency {@code a} traded against {@code b} in a league. Each
 * pair of amounts holds the amount of {@code a} and of {@code b}; at a ratio, one {@code a} costs
 * {@code ratio.b / ratio.a} of {@code b}.
 */
public record CurrencyMarket(String league, String marketId, String a, String b, Amounts volumeTraded,
        Amounts lowestStock, Amounts highestStock, Amounts lowestRatio, Amounts highestRatio) {

    /** Amounts of the two currencies of the pair. */
    public record Amounts(double a, double b) {
    }

    /** True when the market trades {@code currency}. */
    public boolean trades(String currency) {
        return a.equals(currency) || b.equals(currency);
    }

    /** The other currency of the pair. */
    public String other(String currency) {
        return a.equals(currency) ? b : a;
    }

    /**
     * The price of one {@code of} in {@code in}: the geometric mean of the lowest and highest ratio
     * (one of them alone when the other is missing); empty when not derivable.
     */
    public OptionalDouble price(String of, String in) {
        if (!(trades(of) && trades(in)) || of.equals(in)) {
            return OptionalDouble.empty();
        }
        double low = priceAt(lowestRatio, of);
        double high = priceAt(highestRatio, of);
        if (low > 0 && high > 0) {
            return OptionalDouble.of(Math.sqrt(low * high));
        }
        if (low > 0) {
            return OptionalDouble.of(low);
        }
        return high > 0 ? OptionalDouble.of(high) : OptionalDouble.empty();
    }

    private double priceAt(Amounts ratio, String of) {
        if (ratio == null) {
            return -1;
        }
        double ofAmount = of.equals(a) ? ratio.a() : ratio.b();
        double inAmount = of.equals(a) ? ratio.b() : ratio.a();
        return ofAmount > 0 && inAmount > 0 && Double.isFinite(ofAmount) && Double.isFinite(inAmount)
                ? inAmount / ofAmount : -1;
    }

    /** Volume traded of {@code currency} in this market (0 when it is not part of it). */
    public double volumeOf(String currency) {
        if (volumeTraded == null) {
            return 0;
        }
        return currency.equals(a) ? volumeTraded.a() : currency.equals(b) ? volumeTraded.b() : 0;
    }
}
