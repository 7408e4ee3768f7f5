package io.stashwatch.bench;

import io.stashwatch.config.Config;
import io.stashwatch.config.Options;
import io.stashwatch.job.Environments;
import io.stashwatch.job.JobFactory;
import io.stashwatch.job.JobSinks;
import io.stashwatch.market.DetectionEvaluation;
import io.stashwatch.model.Alert;
import io.stashwatch.model.ListingEvent;
import io.stashwatch.model.PageRow;
import io.stashwatch.model.PriceStat;
import io.stashwatch.simulator.market.GroundTruth;
import io.stashwatch.simulator.market.MarketFeed;
import io.stashwatch.simulator.market.MarketSettings;
import io.stashwatch.simulator.server.SimulatorServer;
import io.stashwatch.simulator.server.SimulatorSettings;
import io.stashwatch.testutil.CollectSink;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs the whole job over real HTTP against the simulator for one seed, bounded, on a local
 * MiniCluster (or the test's shared one), collects alerts and price_stats and scores them against
 * the simulated market's ground truth with {@link DetectionEvaluation}.
 *
 * <p>Pipeline: {@link SimulatorServer} over a {@link MarketFeed} (every page available at once, a
 * river rate limit far above what the job asks) → PoE client → river source (bounded by an idle
 * time-out at the head) → page parser → stash deltas → detection → collecting sinks.
 */
public final class EvaluationHarness {
    /** River time of page 0 of every evaluation run. */
    public static final Instant EPOCH = Instant.parse("2025-01-06T00:00:00Z");
    private static final AtomicLong RUNS = new AtomicLong();

    /** What an evaluation run simulates and how detection is configured. */
    public record Setup(int pages, int stashesPerPage, int accounts, double underpricedPer100Pages,
            Duration window, Duration slide, int parallelism) {

        /** The default evaluation market: the demo market (60 stashes per page), windows of 100 pages. */
        public static Setup standard(int pages) {
            return new Setup(pages, 60, 900, 10, Duration.ofSeconds(100), Duration.ofSeconds(10), 2);
        }

        MarketSettings market(long seed) {
            return MarketSettings.builder().seed(seed).pages(pages).stashesPerPage(stashesPerPage).accounts(accounts)
                    .underpricedPer100Pages(underpricedPer100Pages).cxOriginHour(EPOCH.getEpochSecond()).build();
        }
    }

    /** One seed's outputs and score. */
    public record SeedResult(long seed, Setup setup, GroundTruth truth, List<Alert> alerts, List<PriceStat> stats,
            long events, DetectionEvaluation.Report report, long wallMillis, List<ListingEvent> eventList) {
    }

    private EvaluationHarness() {
    }

    /**
     * Runs one seed.
     *
     * @param cluster true to run on the environment the caller's MiniCluster provides
     *                ({@code getExecutionEnvironment}); false to start a local one for this run
     */
    public static SeedResult run(long seed, Setup setup, boolean cluster) throws Exception {
        return run(seed, setup, cluster, false);
    }

    /** Runs one seed; {@code keepEvents} keeps every listing event in the result (diagnosis). */
    public static SeedResult run(long seed, Setup setup, boolean cluster, boolean keepEvents) throws Exception {
        long started = System.nanoTime();
        MarketFeed feed = new MarketFeed(setup.market(seed));
        SimulatorSettings sim = SimulatorSettings.builder()
                .pace(Duration.ZERO)
                .backlog(setup.pages())
                .riverRule("client", "100000:1:1")
                .build();
        String name = "eval-" + seed + "-" + RUNS.incrementAndGet();
        CollectingSinks sinks = new CollectingSinks(name);
        try (SimulatorServer server = new SimulatorServer(sim, feed).start()) {
            Config config = Config.defaults()
                    .withDefaults(Map.copyOf(server.clientDefaults()))
                    .with(Options.POE_START_CHANGE_ID, "beginning")
                    .with(Options.RIVER_EPOCH, EPOCH.toString())
                    .with(Options.RIVER_PAGE_INTERVAL, "1s")
                    .with(Options.RUN_IDLE_TIMEOUT, "2s")
                    .with(Options.DETECT_WINDOW, setup.window().toSeconds() + "s")
                    .with(Options.DETECT_SLIDE, setup.slide().toSeconds() + "s")
                    .with(Options.CHECKPOINT_INTERVAL, "10s")
                    .with(Options.PARALLELISM, String.valueOf(setup.parallelism()));
            Configuration conf = Environments.jobConfiguration(config, true);
            StreamExecutionEnvironment env = cluster
                    ? StreamExecutionEnvironment.getExecutionEnvironment(conf)
                    : StreamExecutionEnvironment.createLocalEnvironment(conf);
            env.setParallelism(setup.parallelism());
            JobFactory.create(config, sinks).build(env);
            env.execute(name);
        }
        GroundTruth truth = feed.groundTruth();
        List<Alert> alerts = CollectSink.results(name + "-alerts");
        List<PriceStat> stats = CollectSink.results(name + "-stats");
        List<ListingEvent> eventList = CollectSink.results(name + "-events");
        long events = eventList.size();
        for (String part : new String[] {"-alerts", "-stats", "-events"}) {
            CollectSink.clear(name + part);
        }
        DetectionEvaluation.Report report = DetectionEvaluation.evaluate(alerts, stats, truth, EPOCH.toEpochMilli(),
                1000L);
        return new SeedResult(seed, setup, truth, new ArrayList<>(alerts), new ArrayList<>(stats), events, report,
                (System.nanoTime() - started) / 1_000_000, keepEvents ? eventList : List.of());
    }

    /** Sinks that collect alerts and price_stats in this JVM and count events. */
    static final class CollectingSinks implements JobSinks {
        private static final long serialVersionUID = 1L;
        private final String name;

        CollectingSinks(String name) {
            this.name = name;
            CollectSink.named(name + "-alerts");
            CollectSink.named(name + "-stats");
        }

        @Override
        public void pages(DataStream<PageRow> pages) {
        }

        @Override
        public void events(DataStream<ListingEvent> events) {
            events.sinkTo(CollectSink.named(name + "-events")).name("collect events");
        }

        @Override
        public void stats(DataStream<PriceStat> stats) {
            stats.sinkTo(CollectSink.named(name + "-stats")).name("collect stats");
        }

        @Override
        public void alerts(DataStream<Alert> alerts) {
            alerts.sinkTo(CollectSink.named(name + "-alerts")).name("collect alerts");
        }
    }
}
