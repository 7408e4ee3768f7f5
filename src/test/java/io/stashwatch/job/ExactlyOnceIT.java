package io.stashwatch.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.stashwatch.config.Config;
import io.stashwatch.config.Options;
import io.stashwatch.testutil.Sql;
import io.stashwatch.testutil.TestPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exactly-once, effectively, under failures: the production job with short checkpoints fails at
 * random points (an operator in front of the sinks throws after a random number of records of
 * pages, events, statistics and alerts, and the TaskManager is terminated and replaced mid-run),
 * restarts from its checkpoints each time, and in the end every table (wall-clock columns aside)
 * and every Arrow file equals those of an uninterrupted run over the same simulated river.
 *
 * <p>The random points come from one seed, printed at the start; rerun with
 * {@code -Dstashwatch.failure-seed=<seed>} to repeat them.
 */
class ExactlyOnceIT {
    private static final Logger LOG = LoggerFactory.getLogger(ExactlyOnceIT.class);
    private static final long MARKET_SEED = 23;
    private static final int PAGES = 120;
    private static final int STASHES = 20;

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    @Test
    void failuresAtRandomPointsLeaveTheTablesOfAnUninterruptedRun(@InjectMiniCluster MiniCluster cluster,
            @TempDir Path tmp) throws Exception {
        long seed = Long.getLong("stashwatch.failure-seed", System.nanoTime());
        String banner = "ExactlyOnceIT failure seed " + seed + " (rerun with -Dstashwatch.failure-seed=" + seed + ")";
        System.out.println(banner);
        LOG.info(banner);
        Random random = new Random(seed);

        // The uninterrupted run: all pages available at once.
        String reference = TestPostgres.migratedDatabase("reference");
        try (MarketRiver river = MarketRiver.start(MARKET_SEED, PAGES, STASHES, Duration.ZERO, 0)) {
            ProductionJob.submit(config(river, reference, tmp.resolve("arrow-reference")), UnaryOperator.identity(),
                    "reference").getJobExecutionResult().get(3, TimeUnit.MINUTES);
        }
        Map<String, List<List<String>>> expected = Sql.dump(reference);

        // Failure points: record counts within each stream's length in the uninterrupted run, so each fires.
        assertThat(expected.get("alerts")).as("alerts of the uninterrupted run").isNotEmpty();
        Map<String, Integer> lengths = Map.of("pages", PAGES, "events", expected.get("listing_events").size(),
                "stats", expected.get("price_stats").size(), "alerts", expected.get("alerts").size());
        Set<String> chosen = new LinkedHashSet<>();
        for (String stream : List.of("pages", "pages", "events", "events", "stats", "alerts")) {
            while (!chosen.add(stream + "#" + (1 + random.nextInt(lengths.get(stream))))) {
                // draw again: each point is a different record
            }
        }
        List<String> points = new ArrayList<>(chosen);
        long taskManagerAt = PAGES / 4 + random.nextInt(PAGES / 2);
        String plan = "ExactlyOnceIT failure points " + points + ", TaskManager restart at " + taskManagerAt + " pages";
        System.out.println(plan);
        LOG.info(plan);

        // The same river, paced so the run lasts a few seconds, with failures.
        String faulty = TestPostgres.migratedDatabase("faulty");
        FailingSinks.arm(points);
        try (MarketRiver river = MarketRiver.start(MARKET_SEED, PAGES, STASHES, Duration.ofMillis(40), 0)) {
            JobClient job = ProductionJob.submit(config(river, faulty, tmp.resolve("arrow-faulty")), FailingSinks::new,
                    "faulty");
            Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
                    .until(() -> Sql.count(faulty, "ingest_pages") >= taskManagerAt
                            && job.getJobStatus().get() == JobStatus.RUNNING);
            int before = FailingSinks.restarts();
            cluster.terminateTaskManager(0).get(30, TimeUnit.SECONDS);
            cluster.startTaskManager();
            Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(50))
                    .until(() -> FailingSinks.restarts() > before);
            job.getJobExecutionResult().get(3, TimeUnit.MINUTES);

            assertThat(FailingSinks.fired()).as("failure points fired").containsExactlyInAnyOrderElementsOf(points);
            // Two points can fire in the same attempt (parallel subtasks), so restarts are not counted exactly.
            assertThat(FailingSinks.restarts()).as("restarts").isGreaterThan(points.size() / 2);
            RiverTables.assertPageChain(faulty, river.feed, PAGES);
        }
        Map<String, List<List<String>>> actual = Sql.dump(faulty);
        for (String table : expected.keySet()) {
            assertThat(expected.get(table)).as(table + " of the uninterrupted run").isNotEmpty();
            assertThat(actual.get(table)).as(table).isEqualTo(expected.get(table));
        }
        assertThat(ArrowTables.rows(tmp.resolve("arrow-faulty"))).isEqualTo(ArrowTables.rows(tmp.resolve("arrow-reference")));
        String summary = "ExactlyOnceIT: " + FailingSinks.restarts() + " restarts; rows "
                + expected.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().size()).collect(Collectors.toList());
        System.out.println(summary);
        LOG.info(summary);
    }

    /**
     * A job starting at the head that fails before its first checkpoint starts again where its first
     * attempt started, not at the head of the moment: the rows its first attempt wrote stay part of
     * one chain numbered from 0.
     */
    @Test
    void aFailureBeforeTheFirstCheckpointRestartsFromTheSameStart() throws Exception {
        String url = TestPostgres.migratedDatabase("head_restart");
        FailingSinks.arm(List.of("pages#4"));
        try (MarketRiver river = MarketRiver.start(MARKET_SEED, 90, STASHES, Duration.ofMillis(50), 20)) {
            Map<String, String> options = river.options(Duration.ofSeconds(2));
            options.put(Options.POE_START_CHANGE_ID.name(), "head");
            options.put(Options.CHECKPOINT_INTERVAL.name(), "10m");
            ProductionJob.submit(ProductionJob.config(options, url), FailingSinks::new, "head-restart")
                    .getJobExecutionResult().get(3, TimeUnit.MINUTES);
            assertThat(FailingSinks.fired()).containsExactly("pages#4");
            String first = Sql.rows(url, "SELECT change_id FROM ingest_pages ORDER BY seq, change_id LIMIT 1").get(0).get(0);
            long start = river.feed.indexOf(first).orElseThrow();
            assertThat(start).as("started near the head").isGreaterThanOrEqualTo(20);
            RiverTables.assertPageChain(url, river.feed, start, 90);
            RiverTables.assertEvents(url);
            RiverTables.assertListingsReplayEvents(url);
        }
    }

    private static Config config(MarketRiver river, String url, Path arrow) {
        Map<String, String> options = river.options(Duration.ofSeconds(2));
        options.put(Options.ARROW_DIR.name(), arrow.toString());
        options.put(Options.ARROW_ROLL.name(), "1m");
        return ProductionJob.config(options, url);
    }
}
