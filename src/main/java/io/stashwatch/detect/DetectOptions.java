package io.stashwatch.detect;

import io.stashwatch.config.Config;
import io.stashwatch.config.ConfigException;
import io.stashwatch.config.Options;
import io.stashwatch.market.KeyDetector;
import java.io.Serializable;
import java.time.Duration;

/**
 * Settings of detection, immutable and serialisable (it travels to the operators). Built from the
 * {@code detect.*} options with {@link #from(Config)}; the remaining fields have defaults that
 * rarely need changing and are set in code with the {@code with…} methods.
 */
public final class DetectOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    /** detect.window, river-time ms. */
    public final long windowMillis;
    /** detect.slide, river-time ms. */
    public final long slideMillis;
    /** detect.min-samples: distinct accounts a key needs for a reference. */
    public final int minSamples;
    /** detect.max-per-account: listings one account contributes to a reference. */
    public final int maxPerAccount;
    /** detect.underpriced-ratio. */
    public final double underpricedRatio;
    /** detect.shift-ratio. */
    public final double shiftRatio;
    /** Accounts behind the recent median that lets judging follow a crash (default 3). */
    public final int recentAccounts;
    /** Largest listing book per key; the least recently seen listings go first (default 2000). */
    public final int maxListingsPerKey;
    /** How long past the end of its hour a Currency Exchange rate is preferred to river rates (default 3 h). */
    public final long cxMaxAgeMillis;
    /** Keys whose reference is below this many chaos get no underpriced alerts and no shifts (default 5). */
    public final double minReferenceChaos;
    /** Distinct accounts both windows of a price shift need; at least minSamples (default 2 × min-samples). */
    public final int shiftMinSamples;

    private DetectOptions(long windowMillis, long slideMillis, int minSamples, int maxPerAccount, double underpricedRatio,
            double shiftRatio, int recentAccounts, int maxListingsPerKey, long cxMaxAgeMillis, double minReferenceChaos,
            int shiftMinSamples) {
        if (slideMillis <= 0 || windowMillis <= 0) {
            throw new ConfigException("detect.window and detect.slide must be positive");
        }
        if (slideMillis > windowMillis) {
            throw new ConfigException("detect.slide (" + Duration.ofMillis(slideMillis) + ") must not be longer than detect.window ("
                    + Duration.ofMillis(windowMillis) + ")");
        }
        if (minSamples < 1 || maxPerAccount < 1 || recentAccounts < 1 || maxListingsPerKey < 1) {
            throw new ConfigException("detect.min-samples and detect.max-per-account must be at least 1");
        }
        if (!(underpricedRatio > 0 && underpricedRatio < 1)) {
            throw new ConfigException("detect.underpriced-ratio must be between 0 and 1, got " + underpricedRatio);
        }
        if (!(minReferenceChaos >= 0) || shiftMinSamples < 1) {
            throw new ConfigException("the minimum reference must be at least 0 chaos and shifts need at least 1 sample");
        }
        if (!(shiftRatio > 1)) {
            throw new ConfigException("detect.shift-ratio must be greater than 1, got " + shiftRatio);
        }
        this.windowMillis = windowMillis;
        this.slideMillis = slideMillis;
        this.minSamples = minSamples;
        this.maxPerAccount = maxPerAccount;
        this.underpricedRatio = underpricedRatio;
        this.shiftRatio = shiftRatio;
        this.recentAccounts = recentAccounts;
        this.maxListingsPerKey = maxListingsPerKey;
        this.cxMaxAgeMillis = cxMaxAgeMillis;
        this.minReferenceChaos = minReferenceChaos;
        this.shiftMinSamples = shiftMinSamples;
    }

    /** The detect.* options of a configuration. */
    public static DetectOptions from(Config config) {
        return new DetectOptions(config.get(Options.DETECT_WINDOW).toMillis(), config.get(Options.DETECT_SLIDE).toMillis(),
                config.get(Options.DETECT_MIN_SAMPLES), config.get(Options.DETECT_MAX_PER_ACCOUNT),
                config.get(Options.DETECT_UNDERPRICED_RATIO), config.get(Options.DETECT_SHIFT_RATIO), 3, 2000,
                Duration.ofHours(3).toMillis(), KeyDetector.DEFAULT_MIN_REFERENCE_CHAOS,
                2 * config.get(Options.DETECT_MIN_SAMPLES));
    }

    /** The defaults of the detect.* options. */
    public static DetectOptions defaults() {
        return from(Config.defaults());
    }

    public DetectOptions withWindow(Duration window, Duration slide) {
        return new DetectOptions(window.toMillis(), slide.toMillis(), minSamples, maxPerAccount, underpricedRatio, shiftRatio,
                recentAccounts, maxListingsPerKey, cxMaxAgeMillis, minReferenceChaos, shiftMinSamples);
    }

    public DetectOptions withMinSamples(int n) {
        return new DetectOptions(windowMillis, slideMillis, n, maxPerAccount, underpricedRatio, shiftRatio, recentAccounts,
                maxListingsPerKey, cxMaxAgeMillis, minReferenceChaos, shiftMinSamples);
    }

    public DetectOptions withMaxPerAccount(int n) {
        return new DetectOptions(windowMillis, slideMillis, minSamples, n, underpricedRatio, shiftRatio, recentAccounts,
                maxListingsPerKey, cxMaxAgeMillis, minReferenceChaos, shiftMinSamples);
    }

    public DetectOptions withUnderpricedRatio(double r) {
        return new DetectOptions(windowMillis, slideMillis, minSamples, maxPerAccount, r, shiftRatio, recentAccounts,
                maxListingsPerKey, cxMaxAgeMillis, minReferenceChaos, shiftMinSamples);
    }

    public DetectOptions withShiftRatio(double r) {
        return new DetectOptions(windowMillis, slideMillis, minSamples, maxPerAccount, underpricedRatio, r, recentAccounts,
                maxListingsPerKey, cxMaxAgeMillis, minReferenceChaos, shiftMinSamples);
    }

    public DetectOptions withRecentAccounts(int n) {
        return new DetectOptions(windowMillis, slideMillis, minSamples, maxPerAccount, underpricedRatio, shiftRatio, n,
                maxListingsPerKey, cxMaxAgeMillis, minReferenceChaos, shiftMinSamples);
    }

    public DetectOptions withMaxListingsPerKey(int n) {
        return new DetectOptions(windowMillis, slideMillis, minSamples, maxPerAccount, underpricedRatio, shiftRatio,
                recentAccounts, n, cxMaxAgeMillis, minReferenceChaos, shiftMinSamples);
    }

    public DetectOptions withCxMaxAge(Duration age) {
        return new DetectOptions(windowMillis, slideMillis, minSamples, maxPerAccount, underpricedRatio, shiftRatio,
                recentAccounts, maxListingsPerKey, age.toMillis(), minReferenceChaos, shiftMinSamples);
    }

    public DetectOptions withMinReferenceChaos(double chaos) {
        return new DetectOptions(windowMillis, slideMillis, minSamples, maxPerAccount, underpricedRatio, shiftRatio,
                recentAccounts, maxListingsPerKey, cxMaxAgeMillis, chaos, shiftMinSamples);
    }

    public DetectOptions withShiftMinSamples(int n) {
        return new DetectOptions(windowMillis, slideMillis, minSamples, maxPerAccount, underpricedRatio, shiftRatio,
                recentAccounts, maxListingsPerKey, cxMaxAgeMillis, minReferenceChaos, n);
    }

    @Override
    public String toString() {
        return "DetectOptions{window=" + Duration.ofMillis(windowMillis) + ", slide=" + Duration.ofMillis(slideMillis)
                + ", minSamples=" + minSamples + ", maxPerAccount=" + maxPerAccount + ", underpricedRatio=" + underpricedRatio
                + ", shiftRatio=" + shiftRatio + ", recentAccounts=" + recentAccounts + ", maxListingsPerKey="
                + maxListingsPerKey + ", cxMaxAge=" + Duration.ofMillis(cxMaxAgeMillis) + ", minReferenceChaos="
                + minReferenceChaos + ", shiftMinSamples=" + shiftMinSamples + "}";
    }
}
