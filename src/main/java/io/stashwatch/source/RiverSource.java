package io.stashwatch.source;

import io.stashwatch.job.ClassLoaderRelease;
import io.stashwatch.model.RiverPage;
import io.stashwatch.poe.RiverFetcherFactory;
import io.stashwatch.source.enumerator.RiverEnumeratorState;
import io.stashwatch.source.enumerator.RiverEnumeratorStateSerializer;
import io.stashwatch.source.enumerator.RiverSplitEnumerator;
import io.stashwatch.source.reader.RiverSourceReader;
import io.stashwatch.source.split.RiverSplit;
import io.stashwatch.source.split.RiverSplitSerializer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import javax.annotation.Nullable;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * The public stash river as a FLIP-27 source: one split per realm whose checkpointed state is the
 * change-id cursor of the next page, the page ordinal and the river time. Emits one
 * {@link RiverPage} per page that moves the cursor; head answers are not emitted.
 *
 * <p>Unbounded by default; with an idle time-out it is bounded and finishes once every realm's head
 * has brought nothing new for that long.
 *
 * <pre>{@code
 * RiverSource source = RiverSource.builder()
 *         .fetchers(factory).deserializer(parser)
 *         .realms(List.of("pc")).startChangeId("head")
 *         .pageInterval(Duration.ofSeconds(1)).idleTimeout(null)
 *         .build();
 * env.fromSource(source, RiverSource.watermarks(), "river");
 * }</pre>
 */
public final class RiverSource
        implements Source<RiverPage, RiverSplit, RiverEnumeratorState>, ResultTypeQueryable<RiverPage> {
    private static final long serialVersionUID = 1L;

    private final RiverFetcherFactory fetchers;
    private final RiverPageDeserializer deserializer;
    private final List<String> realms;
    private final String startChangeId;
    private final long pageIntervalMillis;
    private final long epochMillis;
    @Nullable private final Duration idleTimeout;

    private RiverSource(Builder b) {
        this.fetchers = Objects.requireNonNull(b.fetchers, "fetchers");
        this.deserializer = Objects.requireNonNull(b.deserializer, "deserializer");
        this.realms = List.copyOf(b.realms);
        this.startChangeId = b.startChangeId;
        this.pageIntervalMillis = b.pageInterval.toMillis();
        this.epochMillis = (b.epoch != null ? b.epoch : Instant.now().truncatedTo(ChronoUnit.HOURS)).toEpochMilli();
        this.idleTimeout = b.idleTimeout;
        if (realms.isEmpty()) {
            throw new IllegalArgumentException("at least one realm is needed");
        }
        if (pageIntervalMillis <= 0) {
            throw new IllegalArgumentException("river.page-interval must be positive");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Watermarks for the river: after each page, its river time (the page is complete). */
    public static org.apache.flink.api.common.eventtime.WatermarkStrategy<RiverPage> watermarks() {
        return PageWatermarks.strategy();
    }

    /** Realms followed, one split each; the source's parallelism should equal their number. */
    public List<String> realms() {
        return realms;
    }

    @Override
    public Boundedness getBoundedness() {
        return idleTimeout == null ? Boundedness.CONTINUOUS_UNBOUNDED : Boundedness.BOUNDED;
    }

    @Override
    public SourceReader<RiverPage, RiverSplit> createReader(SourceReaderContext context) {
        // the shared PoE HTTP client lives JVM-wide: let go of it when the job's class loader goes
        ClassLoaderRelease.register(context.getUserCodeClassLoader());
        return new RiverSourceReader(context, fetchers, deserializer, pageIntervalMillis, idleTimeout);
    }

    @Override
    public SplitEnumerator<RiverSplit, RiverEnumeratorState> createEnumerator(
            SplitEnumeratorContext<RiverSplit> context) {
        return new RiverSplitEnumerator(context, fetchers, realms, startChangeId, epochMillis,
                idleTimeout != null, null);
    }

    @Override
    public SplitEnumerator<RiverSplit, RiverEnumeratorState> restoreEnumerator(
            SplitEnumeratorContext<RiverSplit> context, RiverEnumeratorState checkpoint) {
        return new RiverSplitEnumerator(context, fetchers, realms, startChangeId, epochMillis,
                idleTimeout != null, checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<RiverSplit> getSplitSerializer() {
        return RiverSplitSerializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<RiverEnumeratorState> getEnumeratorCheckpointSerializer() {
        return new RiverEnumeratorStateSerializer();
    }

    @Override
    public TypeInformation<RiverPage> getProducedType() {
        return TypeInformation.of(RiverPage.class);
    }

    /** Builder of {@link RiverSource}. */
    public static final class Builder {
        private RiverFetcherFactory fetchers;
        private RiverPageDeserializer deserializer;
        private List<String> realms = List.of("pc");
        private String startChangeId = "head";
        private Duration pageInterval = Duration.ofSeconds(1);
        private Instant epoch;
        private Duration idleTimeout;

        public Builder fetchers(RiverFetcherFactory fetchers) {
            this.fetchers = fetchers;
            return this;
        }

        public Builder deserializer(RiverPageDeserializer deserializer) {
            this.deserializer = deserializer;
            return this;
        }

        public Builder realms(List<String> realms) {
            this.realms = realms;
            return this;
        }

        /** "head", "beginning" or a change id; only used when the job has no state. */
        public Builder startChangeId(String startChangeId) {
            this.startChangeId = startChangeId;
            return this;
        }

        public Builder pageInterval(Duration pageInterval) {
            this.pageInterval = pageInterval;
            return this;
        }

        /** River time of the first page; null = now truncated to the hour. */
        public Builder epoch(@Nullable Instant epoch) {
            this.epoch = epoch;
            return this;
        }

        /** Null = unbounded; else bounded, finishing after this long at the head with nothing new. */
        public Builder idleTimeout(@Nullable Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
            return this;
        }

        public RiverSource build() {
            return new RiverSource(this);
        }
    }
}
