package io.stashwatch.detect.cx;

import io.stashwatch.job.ClassLoaderRelease;
import io.stashwatch.market.RateUpdate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A FLIP-27 source of Currency Exchange rates: polls a {@link CurrencyDigestProvider} for the newest
 * published hour of each realm and emits that digest's rates ({@link io.stashwatch.market.CurrencyDigests})
 * once. Unbounded, it polls every {@code pollInterval} and emits each new hour; bounded, it fetches
 * once and finishes. A failing API (outage, missing {@code service:cxapi} scope) is logged in one
 * line and retried at the next poll; detection meanwhile uses river rates.
 *
 * <p>State: the newest hour emitted per realm, so a restore does not emit a digest twice.
 * Watermarks: the source holds event time back only until its first round of fetches is over (at
 * most 30 s), so the digest available at start converts the first pages too; after that it never
 * holds it back (see {@link CurrencyRateReader}). Run it with parallelism 1 ({@link #stream} does).
 */
public final class CurrencyRateSource implements Source<RateUpdate, CurrencySplit, List<CurrencySplit>> {
    private static final long serialVersionUID = 1L;

    private final CurrencyDigestProvider provider;
    private final List<String> realms;
    private final List<String> leagues;
    private final long pollMillis;
    private final boolean bounded;

    private CurrencyRateSource(CurrencyDigestProvider provider, List<String> realms, List<String> leagues, Duration poll,
            boolean bounded) {
        this.provider = Objects.requireNonNull(provider, "provider");
        if (realms.isEmpty()) {
            throw new IllegalArgumentException("at least one realm");
        }
        this.realms = new ArrayList<>(new TreeSet<>(realms));
        this.leagues = new ArrayList<>(leagues);
        this.pollMillis = poll.toMillis();
        this.bounded = bounded;
    }

    /**
     * A source that keeps polling.
     *
     * @param leagues leagues to keep (empty: all)
     * @param poll    how often to look for a new hour (digests appear a few minutes after the hour)
     */
    public static CurrencyRateSource unbounded(CurrencyDigestProvider provider, List<String> realms, List<String> leagues,
            Duration poll) {
        return new CurrencyRateSource(provider, realms, leagues, poll, false);
    }

    /** A source that fetches the newest digest of each realm once and finishes. */
    public static CurrencyRateSource bounded(CurrencyDigestProvider provider, List<String> realms, List<String> leagues) {
        return new CurrencyRateSource(provider, realms, leagues, Duration.ZERO, true);
    }

    /** The rates as a stream: parallelism 1, no generated watermarks (the reader emits its own). */
    public static DataStream<RateUpdate> stream(StreamExecutionEnvironment env, CurrencyRateSource source) {
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), "currency exchange")
                .setParallelism(1)
                .uid("currency-exchange-rates");
    }

    @Override
    public Boundedness getBoundedness() {
        return bounded ? Boundedness.BOUNDED : Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SplitEnumerator<CurrencySplit, List<CurrencySplit>> createEnumerator(
            SplitEnumeratorContext<CurrencySplit> context) {
        return new CurrencyEnumerator(context, List.of(CurrencySplit.initial(realms)));
    }

    @Override
    public SplitEnumerator<CurrencySplit, List<CurrencySplit>> restoreEnumerator(
            SplitEnumeratorContext<CurrencySplit> context, List<CurrencySplit> checkpoint) {
        return new CurrencyEnumerator(context, checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<CurrencySplit> getSplitSerializer() {
        return new CurrencySplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<List<CurrencySplit>> getEnumeratorCheckpointSerializer() {
        return new CurrencySplitSerializer.EnumeratorState();
    }

    @Override
    public SourceReader<RateUpdate, CurrencySplit> createReader(SourceReaderContext readerContext) {
        // the shared PoE HTTP client lives JVM-wide: let go of it when the job's class loader goes
        ClassLoaderRelease.register(readerContext.getUserCodeClassLoader());
        return new CurrencyRateReader(provider, leagues, pollMillis, bounded, System::currentTimeMillis);
    }
}
