package io.stashwatch.detect;

import io.stashwatch.market.KeyDetector;
import io.stashwatch.market.RateUpdate;
import io.stashwatch.market.RiverRateEstimator;
import io.stashwatch.model.Alert;
import io.stashwatch.model.ListingEvent;
import io.stashwatch.model.PriceStat;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * Pricing and detection as a piece of a Flink job:
 *
 * <pre>
 *  events ─┬─ currency listings ─ keyBy(league) ─ RiverRateFunction ─┐ river rates
 *          │                                       exchangeRates ────┤ (Currency Exchange, optional)
 *          │                                                         ▼ broadcast
 *          └───────────────── keyBy(league, item key) ─ DetectorFunction ─► events with price_chaos
 *                                                                         ├► price_stats
 *                                                                         └► alerts
 * </pre>
 *
 * Input events carry their page's river time as timestamp and watermarks from the river source
 * (after each page, its river time). Every type is a POJO; nothing goes through Kryo.
 */
public final class Detection {

    /** The outputs of {@link #apply}. */
    public static final class Outputs {
        /** The input events with priceChaos, prevPriceChaos and rateSource filled in. */
        public final DataStream<ListingEvent> events;
        /** One row per (league, item key) with listings and window slide. */
        public final DataStream<PriceStat> stats;
        /** Underpriced listings and price shifts. */
        public final DataStream<Alert> alerts;
        /** The river-derived rates (for inspection; they already feed the detector). */
        public final DataStream<RateUpdate> riverRates;

        Outputs(DataStream<ListingEvent> events, DataStream<PriceStat> stats, DataStream<Alert> alerts,
                DataStream<RateUpdate> riverRates) {
            this.events = events;
            this.stats = stats;
            this.alerts = alerts;
            this.riverRates = riverRates;
        }
    }

    private Detection() {
    }

    /**
     * Wires detection onto a stream of listing events.
     *
     * @param events        listing events keyed upstream by stash, timestamps = river time of the page
     * @param exchangeRates Currency Exchange rates (see {@link io.stashwatch.detect.cx.CurrencyRateSource}), or null
     * @param options       detection settings
     */
    public static Outputs apply(DataStream<ListingEvent> events, DataStream<RateUpdate> exchangeRates,
            DetectOptions options) {
        return apply(events, exchangeRates, options, false);
    }

    /**
     * {@link #apply(DataStream, DataStream, DetectOptions)}; with {@code chainRates} the river rates
     * take the currency listings without a shuffle, in the upstream task: only valid where that
     * task's one subtask holds every league's key group (parallelism 1 throughout).
     */
    public static Outputs apply(DataStream<ListingEvent> events, DataStream<RateUpdate> exchangeRates,
            DetectOptions options, boolean chainRates) {
        DataStream<ListingEvent> samples = events
                .filter(RiverRateEstimator::isSample)
                .name("currency listings");
        KeySelector<ListingEvent, String> league = e -> e.league;
        DataStream<RateUpdate> riverRates = (chainRates
                        ? DataStreamUtils.reinterpretAsKeyedStream(samples, league, Types.STRING)
                        : samples.keyBy(league, Types.STRING))
                .process(new RiverRateFunction(options), TypeInformation.of(RateUpdate.class))
                .uid("detect-river-rates")
                .name("river rates");
        DataStream<RateUpdate> rates = exchangeRates == null ? riverRates : riverRates.union(exchangeRates);
        BroadcastStream<RateUpdate> broadcast = rates.broadcast(DetectorFunction.RATES);
        SingleOutputStreamOperator<ListingEvent> detected = events
                .keyBy(Detection::key, Types.STRING)
                .connect(broadcast)
                .process(new DetectorFunction(options), TypeInformation.of(ListingEvent.class))
                .uid("detect")
                .name("detect");
        return new Outputs(detected, detected.getSideOutput(DetectorFunction.STATS),
                detected.getSideOutput(DetectorFunction.ALERTS), riverRates);
    }

    /** The detector's key: league and item key. */
    public static String key(ListingEvent e) {
        return e.league + "\u001f" + e.itemKey;
    }

    /** The pure per-key detector for these options. */
    public static KeyDetector keyDetector(DetectOptions o) {
        return new KeyDetector(o.windowMillis, o.slideMillis, o.minSamples, o.maxPerAccount, o.underpricedRatio,
                o.shiftRatio, o.recentAccounts, o.maxListingsPerKey, o.minReferenceChaos, o.shiftMinSamples);
    }
}
