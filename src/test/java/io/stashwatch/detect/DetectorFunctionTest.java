package io.stashwatch.detect;

import static io.stashwatch.testutil.Listings.listed;
import static io.stashwatch.testutil.Listings.time;
import static org.assertj.core.api.Assertions.assertThat;

import io.stashwatch.market.RateUpdate;
import io.stashwatch.model.ListingEvent;
import io.stashwatch.testutil.Listings;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** The detector operator in Flink's test harness: conversions with rates from its broadcast state. */
class DetectorFunctionTest {

    private static KeyedBroadcastOperatorTestHarness<String, ListingEvent, RateUpdate, ListingEvent> harness()
            throws Exception {
        return harness(DetectOptions.defaults());
    }

    private static KeyedBroadcastOperatorTestHarness<String, ListingEvent, RateUpdate, ListingEvent> harness(
            DetectOptions options) throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new DetectorFunction(options), Detection::key, Types.STRING, DetectorFunction.RATES);
    }

    private static List<ListingEvent> output(KeyedBroadcastOperatorTestHarness<String, ListingEvent, RateUpdate, ListingEvent> h) {
        return h.getOutput().stream().filter(o -> o instanceof StreamRecord<?>)
                .map(o -> (ListingEvent) ((StreamRecord<?>) o).getValue()).toList();
    }

    @Test
    void aRateUpdateReachesTheNextConversionAtTheSameRiverTime() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processBroadcastElement(RateUpdate.river(Listings.LEAGUE, "divine", 200, 0, 10), 0);
            ListingEvent a = listed(10, "a", "seller-a", "Mageblood", 1, "divine");
            h.processElement(a, a.riverTime);
            h.processWatermark(time(10));
            h.processBroadcastWatermark(time(10));
            // Key a's page was converted at page 10's time with the river rate.
            assertThat(output(h)).singleElement().satisfies(e -> {
                assertThat(e.priceChaos).isEqualTo(200);
                assertThat(e.rateSource).isEqualTo(RateUpdate.SOURCE_RIVER);
            });
            // A Currency Exchange rate covering that time arrives, then an event of another key at
            // the same river time (late: processed at once): it converts with the new rate.
            h.processBroadcastElement(RateUpdate.cx(Listings.LEAGUE, "divine", 150, time(0), 1000), time(10));
            ListingEvent b = listed(10, "b", "seller-b", "Headhunter", 2, "divine");
            h.processElement(b, b.riverTime);
            assertThat(output(h)).hasSize(2).last().satisfies(e -> {
                assertThat(e.itemId).isEqualTo("b");
                assertThat(e.priceChaos).isEqualTo(300);
                assertThat(e.rateSource).isEqualTo(RateUpdate.SOURCE_CX);
            });
        }
    }
    /**
     * A key's timer is registered once per page: events of several keys and pages interleaved (as
     * two realms' pages arrive) still bring every page of every key out, each page once, whole.
     */
    @Test
    void everyPageOfEveryKeyComesOutOnceWhenKeysAndPagesInterleave() throws Exception {
        try (var h = harness()) {
            h.open();
            String[] keys = {"Mageblood", "Headhunter", "The Doctor card"};
            int sent = 0;
            for (int round = 0; round < 4; round++) {
                for (int page = 1; page <= 3; page++) {
                    for (String key : keys) {
                        ListingEvent e = listed(page, key + "-" + page + "-" + round, "seller-" + round, key, 5, "chaos");
                        h.processElement(e, e.riverTime);
                        sent++;
                    }
                }
            }
            // one timer per key and page, whatever the repeats
            assertThat(h.numEventTimeTimers()).isEqualTo(keys.length * 3);
            assertThat(output(h)).isEmpty();
            h.processWatermark(time(2));
            h.processBroadcastWatermark(time(2));
            assertThat(output(h)).hasSize(keys.length * 2 * 4).allSatisfy(e -> assertThat(e.riverTime).isLessThanOrEqualTo(time(2)));
            h.processWatermark(time(3));
            h.processBroadcastWatermark(time(3));
            assertThat(output(h)).hasSize(sent).extracting(e -> e.itemId).doesNotHaveDuplicates();
        }
    }
    /**
     * A key's window-end timer is registered when its next window end moves, not again on every
     * page while it stays: every window end still comes out, one price_stats row per slide, on
     * pages that arrive through timers and on a late page processed at once.
     */
    @Test
    void everyWindowEndIsReportedWhileItsTimerIsRegisteredOnce() throws Exception {
        DetectOptions options = DetectOptions.defaults().withWindow(java.time.Duration.ofSeconds(20),
                java.time.Duration.ofSeconds(5));
        try (var h = harness(options)) {
            h.open();
            for (int page = 1; page <= 40; page++) {
                ListingEvent e = listed(page, "item-" + page, "seller-" + (page % 7), "Mageblood", 100 + page, "chaos");
                h.processElement(e, e.riverTime);
                if (page != 23) {
                    h.processWatermark(time(page));
                    h.processBroadcastWatermark(time(page));
                }
            }
            // page 23's watermark never came: page 24's covered it; then one late event at page 40
            ListingEvent late = listed(40, "late", "seller-late", "Mageblood", 90, "chaos");
            h.processElement(late, late.riverTime);
            h.processWatermark(time(47));
            h.processBroadcastWatermark(time(47));
            List<Long> ends = h.getSideOutput(DetectorFunction.STATS).stream().map(r -> r.getValue().windowEnd).toList();
            List<Long> expected = new java.util.ArrayList<>();
            for (long end = (time(1) / 5000 + 1) * 5000; end - 1 <= time(47); end += 5000) {
                expected.add(end);
            }
            assertThat(ends).isEqualTo(expected);
            // the one timer left is the next window end's
            assertThat(h.numEventTimeTimers()).isEqualTo(1);
        }
    }
}
