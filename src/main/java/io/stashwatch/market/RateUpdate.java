package io.stashwatch.market;

/**
 * A new chaos rate of one currency in one league, broadcast to the detector. A Flink POJO.
 *
 * <ul>
 *   <li>{@code river}: estimated by the job from the river's currency listings of the pages before
 *       {@link #validFrom}; applies, by river time, to events from {@code validFrom} on
 *       (deterministic: the same pages give the same versions).</li>
 *   <li>{@code cx}: from the Currency Exchange digest of the hour [{@link #validFrom},
 *       {@link #validUntil}) (epoch ms). Takes precedence over river rates from the moment it is
 *       received, while the judged page's river time is at most {@code validUntil} plus the
 *       detector's CX max age.</li>
 * </ul>
 */
public class RateUpdate {
    public static final String SOURCE_CX = "cx";
    public static final String SOURCE_RIVER = "river";

    public String league;
    /** Canonical currency id (divine, exalted, ...). */
    public String currency;
    /** Chaos per one unit; NaN withdraws the rate. */
    public double chaosPerUnit = Double.NaN;
    /** {@link #SOURCE_CX} or {@link #SOURCE_RIVER}. */
    public String source;
    /** river: river time (ms) from which it applies; cx: start of the digest hour (epoch ms). */
    public long validFrom;
    /** cx: end of the digest hour (epoch ms); river: Long.MAX_VALUE (until replaced). */
    public long validUntil = Long.MAX_VALUE;
    /** Evidence: cx volume traded of this currency in the hour; river: distinct accounts. */
    public double volume = Double.NaN;

    public RateUpdate() {
    }

    public static RateUpdate river(String league, String currency, double chaosPerUnit, long validFrom, int accounts) {
        RateUpdate u = new RateUpdate();
        u.league = league;
        u.currency = currency;
        u.chaosPerUnit = chaosPerUnit;
        u.source = SOURCE_RIVER;
        u.validFrom = validFrom;
        u.validUntil = Long.MAX_VALUE;
        u.volume = accounts;
        return u;
    }

    public static RateUpdate cx(String league, String currency, double chaosPerUnit, long hourStartMillis, double volume) {
        RateUpdate u = new RateUpdate();
        u.league = league;
        u.currency = currency;
        u.chaosPerUnit = chaosPerUnit;
        u.source = SOURCE_CX;
        u.validFrom = hourStartMillis;
        u.validUntil = hourStartMillis + 3_600_000L;
        u.volume = volume;
        return u;
    }

    @Override
    public String toString() {
        return "RateUpdate{" + source + " " + league + " " + currency + "=" + chaosPerUnit + "c from " + validFrom + "}";
    }
}
