package io.stashwatch.detect;

import io.stashwatch.market.ListingBook;
import io.stashwatch.market.RateUpdate;
import io.stashwatch.market.RiverRateEstimator;
import io.stashwatch.model.ListingEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * River-derived currency rates, keyed by league: a thin wrapper over {@link RiverRateEstimator}.
 * Like the detector it buffers a page's currency listings until the watermark says the page is
 * complete, applies the page in a deterministic order, and emits the changed rates (timestamped
 * with the page's river time, valid from the next millisecond). They reach the detector before the
 * watermark that lets it process the next page.
 */
public class RiverRateFunction extends KeyedProcessFunction<String, ListingEvent, RateUpdate> {
    private static final long serialVersionUID = 1L;

    private final DetectOptions options;
    private transient RiverRateEstimator estimator;
    private transient MapState<String, ListingBook> books;
    private transient MapState<String, Double> rates;
    private transient ListState<ListingEvent> pending;

    public RiverRateFunction(DetectOptions options) {
        this.options = options;
    }

    @Override
    public void open(OpenContext openContext) {
        estimator = new RiverRateEstimator(options.windowMillis, options.maxPerAccount, options.minSamples,
                options.maxListingsPerKey);
        books = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("rate-books", Types.STRING, TypeInformation.of(ListingBook.class)));
        rates = getRuntimeContext().getMapState(new MapStateDescriptor<>("river-rates", Types.STRING, Types.DOUBLE));
        pending = getRuntimeContext().getListState(
                new ListStateDescriptor<>("pending-currency-events", TypeInformation.of(ListingEvent.class)));
    }

    @Override
    public void processElement(ListingEvent event, Context ctx, Collector<RateUpdate> out) throws Exception {
        ListingEvent e = event.copy();
        if (e.riverTime <= ctx.timerService().currentWatermark()) {
            applyPage(ctx.getCurrentKey(), e.riverTime, List.of(e), out);
            return;
        }
        pending.add(e);
        ctx.timerService().registerEventTimeTimer(e.riverTime);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<RateUpdate> out) throws Exception {
        for (List<ListingEvent> page : PendingPages.takeDue(pending, timestamp)) {
            applyPage(ctx.getCurrentKey(), page.get(0).riverTime, page, out);
        }
    }

    private void applyPage(String league, long t, List<ListingEvent> events, Collector<RateUpdate> out) throws Exception {
        Map<String, ListingBook> bookMap = new TreeMap<>();
        for (Map.Entry<String, ListingBook> e : books.entries()) {
            bookMap.put(e.getKey(), e.getValue());
        }
        Map<String, Double> rateMap = new TreeMap<>();
        for (Map.Entry<String, Double> e : rates.entries()) {
            rateMap.put(e.getKey(), e.getValue());
        }
        List<String> before = new ArrayList<>(bookMap.keySet());
        List<RateUpdate> changed = estimator.applyPage(league, t, events, bookMap, rateMap);
        for (String currency : before) {
            if (!bookMap.containsKey(currency)) {
                books.remove(currency);
            }
        }
        for (Map.Entry<String, ListingBook> e : bookMap.entrySet()) {
            books.put(e.getKey(), e.getValue());
        }
        for (RateUpdate u : changed) {
            rates.put(u.currency, u.chaosPerUnit);
            out.collect(u);
        }
    }
}
