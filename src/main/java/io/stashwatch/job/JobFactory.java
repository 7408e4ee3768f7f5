package io.stashwatch.job;

import io.stashwatch.config.Config;
import io.stashwatch.config.Options;
import io.stashwatch.detect.DetectOptions;
import io.stashwatch.detect.cx.CurrencyRateSource;
import io.stashwatch.detect.cx.PoeCurrencyDigestProvider;
import io.stashwatch.poe.PoeRiverFetcherFactory;
import io.stashwatch.poe.PoeSettings;
import io.stashwatch.source.PageParserDeserializer;
import io.stashwatch.source.RiverSource;
import java.time.Duration;
import java.util.List;

/** Builds the production {@link StashwatchJob} from options: PoE client, river source, rates, sinks. */
public final class JobFactory {
    /** How often the Currency Exchange is asked for a new hour in unbounded runs. */
    static final Duration CX_POLL = Duration.ofMinutes(10);

    private JobFactory() {
    }

    /**
     * @param config resolved options (poe.* must be complete)
     * @param sinks where the outputs go
     */
    public static StashwatchJob create(Config config, JobSinks sinks) {
        PoeSettings poe = PoeSettings.fromConfig(config);
        List<String> realms = config.get(Options.POE_REALM);
        List<String> leagues = config.get(Options.POE_LEAGUES);
        Duration idle = config.get(Options.RUN_IDLE_TIMEOUT);
        RiverSource river = RiverSource.builder()
                .fetchers(new PoeRiverFetcherFactory(poe))
                .deserializer(new PageParserDeserializer())
                .realms(realms)
                .startChangeId(config.get(Options.POE_START_CHANGE_ID))
                .pageInterval(config.get(Options.RIVER_PAGE_INTERVAL))
                .epoch(config.get(Options.RIVER_EPOCH))
                .idleTimeout(idle)
                .build();
        CurrencyRateSource rates = null;
        if (config.get(Options.POE_CURRENCY_EXCHANGE)) {
            PoeCurrencyDigestProvider provider = new PoeCurrencyDigestProvider(poe);
            rates = idle != null
                    ? CurrencyRateSource.bounded(provider, realms, leagues)
                    : CurrencyRateSource.unbounded(provider, realms, leagues, CX_POLL);
        }
        return new StashwatchJob(river, realms.size(), rates, sinks, leagues, DetectOptions.from(config));
    }
}
