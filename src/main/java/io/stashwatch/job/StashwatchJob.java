package io.stashwatch.job;

import io.stashwatch.detect.DetectOptions;
import io.stashwatch.detect.Detection;
import io.stashwatch.detect.StashDeltaFunction;
import io.stashwatch.market.RateUpdate;
import io.stashwatch.model.ListingEvent;
import io.stashwatch.model.RiverPage;
import io.stashwatch.model.StashSnapshot;
import io.stashwatch.source.RiverSource;
import java.util.List;
import java.util.Objects;
import javax.annotation.Nullable;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The stashwatch pipeline: river pages → stash snapshots → listing deltas → chaos prices, reference
 * prices, alerts → sinks. Source, currency rates and sinks are parameters, so tests run the same
 * job against a simulator and collecting or failing sinks.
 *
 * <p>Every stateful operator has a stable uid so savepoints map onto upgraded jobs.
 */
public final class StashwatchJob {
    private final Source<RiverPage, ?, ?> river;
    private final int realms;
    @Nullable private final Source<RateUpdate, ?, ?> exchangeRates;
    private final JobSinks sinks;
    private final List<String> leagues;
    private final DetectOptions detectOptions;

    /**
     * @param river the river source (one split per realm)
     * @param realms number of realms, i.e. the source's parallelism
     * @param exchangeRates Currency Exchange rates, or null for river-derived rates only
     * @param sinks where the outputs go
     * @param leagues leagues to keep (empty = all)
     * @param detectOptions detection settings
     */
    public StashwatchJob(Source<RiverPage, ?, ?> river, int realms, @Nullable Source<RateUpdate, ?, ?> exchangeRates,
            JobSinks sinks, List<String> leagues, DetectOptions detectOptions) {
        this.river = Objects.requireNonNull(river);
        this.realms = realms;
        this.exchangeRates = exchangeRates;
        this.sinks = Objects.requireNonNull(sinks);
        this.leagues = List.copyOf(leagues);
        this.detectOptions = Objects.requireNonNull(detectOptions);
    }

    /**
     * Whether the stash deltas (and the river rates after them) run in the source's task, fed
     * directly instead of through a keyed exchange: only when the river has one realm and the
     * job's parallelism is set to 1, so the one source subtask already holds every key group. Same operator, same uid and same keyed
     * state as behind a {@code keyBy} (a savepoint taken either way restores into the other, at
     * any parallelism); what it saves is serialising every snapshot between two threads. At any
     * other parallelism, or one left to the cluster, the snapshots are shuffled by stash id.
     */
    boolean chainDeltas(StreamExecutionEnvironment env) {
        return realms == 1 && env.getParallelism() == 1;
    }

    /** Adds the pipeline to an environment. */
    public void build(StreamExecutionEnvironment env) {
        DataStream<RiverPage> pages = env.fromSource(river, RiverSource.watermarks(), "river")
                .setParallelism(realms)
                .uid("river-source");
        SingleOutputStreamOperator<StashSnapshot> stashes = pages
                .process(new PageSplitter(leagues))
                .setParallelism(realms)
                .name("split pages")
                .uid("split-pages");
        sinks.pages(stashes.getSideOutput(PageSplitter.PAGES));

        boolean chained = chainDeltas(env);
        DataStream<ListingEvent> deltas = (chained ? DataStreamUtils.reinterpretAsKeyedStream(stashes,
                StashDeltaFunction::key, Types.STRING) : stashes.keyBy(StashDeltaFunction::key, Types.STRING))
                .process(new StashDeltaFunction())
                .name("stash deltas")
                .uid("stash-deltas");

        DataStream<RateUpdate> rates = exchangeRates == null ? null
                : env.fromSource(exchangeRates, WatermarkStrategy.noWatermarks(), "currency exchange")
                        .setParallelism(1)
                        .uid("currency-exchange-rates");
        Detection.Outputs out = Detection.apply(deltas, rates, detectOptions, chained);
        sinks.events(out.events);
        sinks.stats(out.stats);
        sinks.alerts(out.alerts);
    }
}
