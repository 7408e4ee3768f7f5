package io.stashwatch.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.stashwatch.detect.cx.CurrencyDigestProvider;
import io.stashwatch.detect.cx.CurrencyRateSource;
import io.stashwatch.market.RateUpdate;
import io.stashwatch.model.Alert;
import io.stashwatch.model.AlertKind;
import io.stashwatch.model.ListingEvent;
import io.stashwatch.model.PriceStat;
import io.stashwatch.testutil.CollectSink;
import io.stashwatch.testutil.Listings;
import io.stashwatch.testutil.SyntheticMarket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The detection operators on a MiniCluster, fed a synthetic market page by page. */
class DetectionIT {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    private static final DetectOptions OPTIONS = DetectOptions.defaults()
            .withWindow(Duration.ofSeconds(30), Duration.ofSeconds(5)).withMinSamples(5);
    private static SyntheticMarket market;
    private static Run reference;

    /** The outputs of one run, each in a canonical order. */
    private static final class Run {
        final List<Alert> alerts;
        final List<PriceStat> stats;
        final List<ListingEvent> events;

        Run(String name) {
            alerts = sorted(CollectSink.<Alert>results(name + "-alerts"), DetectionIT::describe);
            stats = sorted(CollectSink.<PriceStat>results(name + "-stats"), DetectionIT::describe);
            events = sorted(CollectSink.<ListingEvent>results(name + "-events"), DetectionIT::describe);
        }
    }

    @BeforeAll
    static void runOnce() throws Exception {
        market = new SyntheticMarket(11, 260);
        reference = run("reference", market.events, 2, null, false);
    }

    @Test
    void alertsTheStealsAndNothingElse() {
        List<Alert> steals = reference.alerts.stream().filter(a -> a.kind == AlertKind.UNDERPRICED)
                .collect(Collectors.toList());
        assertThat(steals).extracting(a -> a.itemId).containsExactlyInAnyOrderElementsOf(market.steals);
        for (Alert a : steals) {
            assertThat(a.priceChaos).isLessThanOrEqualTo(0.5 * a.referenceChaos);
            assertThat(a.samples).isGreaterThanOrEqualTo(5);
            assertThat(a.riverTime).isEqualTo(Listings.EPOCH + a.seq * Listings.PAGE);
        }
        assertThat(reference.alerts).noneMatch(a -> market.traps.contains(a.itemId));
        assertThat(reference.alerts).noneMatch(a -> "fixer".equals(a.accountName));
    }

    @Test
    void findsThePriceShiftOnce() {
        List<Alert> shifts = reference.alerts.stream().filter(a -> a.kind == AlertKind.PRICE_SHIFT)
                .collect(Collectors.toList());
        assertThat(shifts).hasSize(1);
        Alert s = shifts.get(0);
        assertThat(s.itemKey).isEqualTo(SyntheticMarket.MAGEBLOOD);
        assertThat(s.priceChaos / s.referenceChaos).isCloseTo(2.0, within(0.3));
        assertThat(s.riverTime).isGreaterThan(Listings.time(SyntheticMarket.SHIFT_PAGE) + OPTIONS.windowMillis);
    }

    @Test
    void writesPriceStatsPerKeyAndSlide() {
        Map<String, List<PriceStat>> byKey = reference.stats.stream()
                .collect(Collectors.groupingBy(s -> s.itemKey, LinkedHashMap::new, Collectors.toList()));
        assertThat(byKey).containsKeys(SyntheticMarket.KAOM_6L, SyntheticMarket.GRACE_21, SyntheticMarket.DOCTOR,
                SyntheticMarket.DIVINE);
        assertThat(byKey).doesNotContainKey(SyntheticMarket.RARE);
        for (List<PriceStat> rows : byKey.values()) {
            // One row per slide while the key has listings: consecutive window ends, no duplicates.
            for (int i = 1; i < rows.size(); i++) {
                assertThat(rows.get(i).windowEnd - rows.get(i - 1).windowEnd).isEqualTo(OPTIONS.slideMillis);
            }
            assertThat(rows).allMatch(r -> r.windowEnd % OPTIONS.slideMillis == 0 && r.listings > 0);
        }
        PriceStat late6L = byKey.get(SyntheticMarket.KAOM_6L).get(byKey.get(SyntheticMarket.KAOM_6L).size() / 2);
        assertThat(late6L.referenceChaos).isCloseTo(2000, within(200.0));
        // The fixer does not move the Grace reference by more than 10 %.
        for (PriceStat s : byKey.get(SyntheticMarket.GRACE_21)) {
            if (!Double.isNaN(s.referenceChaos)) {
                assertThat(Math.abs(s.referenceChaos / 300 - 1)).isLessThanOrEqualTo(0.10);
            }
        }
    }

    @Test
    void passesEveryEventThroughWithItsChaosPrice() {
        assertThat(reference.events).hasSize(market.events.size());
        List<ListingEvent> divinePriced = reference.events.stream()
                .filter(e -> "divine".equals(e.priceCurrency) && e.seq > 20).collect(Collectors.toList());
        assertThat(divinePriced).isNotEmpty();
        for (ListingEvent e : divinePriced) {
            assertThat(e.rateSource).isEqualTo("river");
            assertThat(e.priceChaos / e.priceAmount).isCloseTo(200, within(16.0));
        }
        assertThat(reference.events).filteredOn(e -> "chaos".equals(e.priceCurrency))
                .allMatch(e -> e.priceChaos == e.priceAmount && e.rateSource == null);
    }

    @Test
    void theSameEventsInAnyInterleavingGiveTheSameResults() throws Exception {
        int[] parallelism = {3, 1};
        for (int i = 0; i < parallelism.length; i++) {
            Run other = run("shuffled" + i, shuffledWithinPages(market.events, 100 + i), parallelism[i], null, false);
            assertThat(other.alerts.stream().map(DetectionIT::describe).collect(Collectors.toList()))
                    .containsExactlyElementsOf(reference.alerts.stream().map(DetectionIT::describe).collect(Collectors.toList()));
            assertThat(other.stats.stream().map(DetectionIT::describe).collect(Collectors.toList()))
                    .containsExactlyElementsOf(reference.stats.stream().map(DetectionIT::describe).collect(Collectors.toList()));
            assertThat(other.events.stream().map(DetectionIT::describe).collect(Collectors.toList()))
                    .containsExactlyElementsOf(reference.events.stream().map(DetectionIT::describe).collect(Collectors.toList()));
        }
    }

    @Test
    void aRunningCurrencyExchangeSourceNeitherHoldsBackTimeNorLosesToRiverRates() throws Exception {
        Run withCx = run("cx", market.events, 2, new FixedDigests(), true);
        assertThat(withCx.stats).hasSameSizeAs(reference.stats);
        assertThat(withCx.alerts.stream().filter(a -> a.kind == AlertKind.UNDERPRICED).map(a -> a.itemId))
                .containsExactlyInAnyOrderElementsOf(market.steals);
        // The digest available at start converts every page, from the first one on.
        List<ListingEvent> divinePriced = withCx.events.stream().filter(e -> "divine".equals(e.priceCurrency))
                .collect(Collectors.toList());
        assertThat(divinePriced).isNotEmpty().allMatch(e -> "cx".equals(e.rateSource) && e.priceChaos == e.priceAmount * 205);
    }

    // ------------------------------------------------------------------ the pipeline

    private static Run run(String name, List<ListingEvent> events, int parallelism, CurrencyDigestProvider cx,
            boolean unboundedCx) throws Exception {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.configure(conf);
        assertThat(env.getConfig().getSerializerConfig().hasGenericTypesDisabled()).isTrue();
        env.setParallelism(parallelism);
        DataStream<ListingEvent> source = env.fromData(events, TypeInformation.of(ListingEvent.class))
                .setParallelism(1)
                .assignTimestampsAndWatermarks(PageWatermarks.strategy())
                .setParallelism(1);
        // Shuffled upstream: events of one page reach the detector from several subtasks.
        DataStream<ListingEvent> shuffled = source.rebalance().map(e -> e, TypeInformation.of(ListingEvent.class))
                .setParallelism(Math.max(2, parallelism));
        DataStream<RateUpdate> rates = null;
        if (cx != null) {
            CurrencyRateSource src = unboundedCx
                    ? CurrencyRateSource.unbounded(cx, List.of("pc"), List.of(Listings.LEAGUE), Duration.ofMinutes(10))
                    : CurrencyRateSource.bounded(cx, List.of("pc"), List.of(Listings.LEAGUE));
            rates = CurrencyRateSource.stream(env, src);
        }
        Detection.Outputs out = Detection.apply(shuffled, rates, OPTIONS);
        out.alerts.sinkTo(CollectSink.named(name + "-alerts"));
        out.stats.sinkTo(CollectSink.named(name + "-stats"));
        out.events.sinkTo(CollectSink.named(name + "-events"));
        if (cx != null && unboundedCx) {
            JobClient job = env.executeAsync(name);
            try {
                Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                        .until(() -> CollectSink.results(name + "-events").size() == events.size()
                                && CollectSink.results(name + "-stats").size() == reference.stats.size());
                // Nothing more arrives once the last window is out.
                Thread.sleep(300);
            } finally {
                job.cancel().get(30, TimeUnit.SECONDS);
            }
        } else {
            env.execute(name);
        }
        return new Run(name);
    }

    /** Watermark after each page: the first event of page t says page t − 1 is complete. */
    static final class PageWatermarks implements WatermarkGenerator<ListingEvent> {
        private long currentPage = Long.MIN_VALUE;

        static WatermarkStrategy<ListingEvent> strategy() {
            return WatermarkStrategy.<ListingEvent>forGenerator(ctx -> new PageWatermarks())
                    .withTimestampAssigner((e, previous) -> e.riverTime);
        }

        @Override
        public void onEvent(ListingEvent e, long timestamp, WatermarkOutput output) {
            if (timestamp > currentPage) {
                if (currentPage != Long.MIN_VALUE) {
                    output.emitWatermark(new Watermark(currentPage));
                }
                currentPage = timestamp;
            }
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
        }
    }

    /** A digest in which a divine costs 205 chaos, for any hour. */
    static final class FixedDigests implements CurrencyDigestProvider {
        @Override
        public byte[] fetch(String realm, long hourSeconds) {
            String json = "{\"next_change_id\": " + (hourSeconds + 3600) + ", \"markets\": [{\"league\": \""
                    + Listings.LEAGUE + "\", \"market_id\": \"chaos|divine\", \"market_pair\": [\"chaos\", \"divine\"],"
                    + " \"volume_traded\": {\"chaos\": 2050, \"divine\": 10},"
                    + " \"lowest_ratio\": {\"chaos\": 200, \"divine\": 1}, \"highest_ratio\": {\"chaos\": 210, \"divine\": 1}}]}";
            return json.getBytes(StandardCharsets.UTF_8);
        }
    }

    private static List<ListingEvent> shuffledWithinPages(List<ListingEvent> events, long seed) {
        Random rnd = new Random(seed);
        Map<Long, List<ListingEvent>> pages = new LinkedHashMap<>();
        for (ListingEvent e : events) {
            pages.computeIfAbsent(e.seq, p -> new ArrayList<>()).add(e);
        }
        List<ListingEvent> out = new ArrayList<>();
        for (List<ListingEvent> page : pages.values()) {
            List<ListingEvent> copy = new ArrayList<>(page);
            Collections.shuffle(copy, rnd);
            out.addAll(copy);
        }
        return out;
    }

    private static <T> List<T> sorted(List<T> items, java.util.function.Function<T, String> key) {
        List<T> copy = new ArrayList<>(items);
        copy.sort(java.util.Comparator.comparing(key));
        return copy;
    }

    static String describe(Alert a) {
        return String.join("|", a.alertId, String.valueOf(a.kind), a.league, a.itemKey, a.itemId, a.stashId, a.accountName,
                a.changeId, String.valueOf(a.seq), String.valueOf(a.riverTime), String.valueOf(a.priceChaos),
                String.valueOf(a.referenceChaos), String.valueOf(a.samples), String.valueOf(a.fetchedAt));
    }

    static String describe(PriceStat s) {
        return String.join("|", s.league, s.itemKey, String.valueOf(s.windowEnd), String.valueOf(s.listings),
                String.valueOf(s.accounts), String.valueOf(s.medianChaos), String.valueOf(s.p10Chaos),
                String.valueOf(s.p90Chaos), String.valueOf(s.referenceChaos), s.realm);
    }

    static String describe(ListingEvent e) {
        return String.join("|", e.eventId, String.valueOf(e.kind), e.itemId, e.itemKey, String.valueOf(e.priceChaos),
                String.valueOf(e.prevPriceChaos), String.valueOf(e.rateSource), String.valueOf(e.riverTime));
    }

    @SuppressWarnings("unused")
    private static Set<String> ids(List<Alert> alerts) {
        return alerts.stream().map(a -> a.itemId).collect(Collectors.toSet());
    }
}
