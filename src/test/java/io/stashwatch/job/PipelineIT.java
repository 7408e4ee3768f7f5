package io.stashwatch.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.stashwatch.config.Config;
import io.stashwatch.config.Options;
import io.stashwatch.detect.DetectOptions;
import io.stashwatch.testutil.Flink;
import io.stashwatch.testutil.Sql;
import io.stashwatch.testutil.TestPostgres;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The production job end to end in bounded mode: simulator over HTTP (Currency Exchange on, as by
 * default) → river source → deltas → detection → PostgreSQL on a MiniCluster. Every page the
 * simulator served is in ingest_pages exactly once, in chain order, and the other tables agree
 * with it and with each other.
 */
class PipelineIT {
    private static final int PAGES = 120;

    @RegisterExtension
    static final MiniClusterExtension FLINK = Flink.miniCluster();

    @Test
    void aBoundedRunConsumesEveryServedPageOnceAndWritesConsistentTables() throws Exception {
        try (MarketRiver river = MarketRiver.start(7, PAGES, 20, Duration.ZERO, 0)) {
            String url = TestPostgres.migratedDatabase("pipeline");
            Map<String, String> options = river.options(Duration.ofSeconds(2));
            options.put(Options.POE_CURRENCY_EXCHANGE.name(), "true");
            Config config = ProductionJob.config(options, url);
            ProductionJob.submit(config, UnaryOperator.identity(), "pipeline")
                    .getJobExecutionResult().get(3, TimeUnit.MINUTES);

            assertThat(river.pagesServed()).as("pages the simulator served")
                    .containsExactlyElementsOf(LongStream.range(0, PAGES).boxed().collect(Collectors.toList()));
            RiverTables.assertPageChain(url, river.feed, PAGES);
            RiverTables.assertEvents(url);
            RiverTables.assertListingsReplayEvents(url);
            DetectOptions detect = DetectOptions.from(config);
            RiverTables.assertAlertsBacked(url, config.get(Options.DETECT_UNDERPRICED_RATIO),
                    config.get(Options.DETECT_MIN_SAMPLES));
            RiverTables.assertPriceStatsSane(url, detect.slideMillis, detect.windowMillis, PAGES);
            assertThat(Sql.count(url, "alerts")).as("alerts").isPositive();
            assertThat(Sql.count(url, "SELECT count(*) FROM alerts WHERE kind = 'underpriced'")).isPositive();
            System.out.println("PipelineIT rows: " + Sql.TABLES.keySet().stream()
                    .map(t -> t + "=" + Sql.count(url, t)).collect(Collectors.joining(", ")));
        }
    }
}
