package io.stashwatch.detect;

import io.stashwatch.market.KeyDetector;
import io.stashwatch.market.KeyState;
import io.stashwatch.market.RateBook;
import io.stashwatch.market.RateHistory;
import io.stashwatch.market.RateUpdate;
import io.stashwatch.market.Verdict;
import io.stashwatch.model.Alert;
import io.stashwatch.model.ListingEvent;
import io.stashwatch.model.PriceStat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The detector, keyed by (league, item key), with currency rates as broadcast state: a thin
 * wrapper over {@link KeyDetector}.
 *
 * <p>Time: events are buffered (keyed list state) until the watermark reaches their river time t,
 * i.e. their page and every earlier one is complete; then the page is processed in one go, in a
 * deterministic order, against state built from earlier pages only (docs/architecture.md, Time
 * model). The source emits the watermark right after each page, so this is as soon as the page is
 * complete, not at a window end. Window ends are event-time timers at {@code end − 1}, one per
 * key with listings and slide; a timer for a page and one for a window end at the same time are
 * one timer, so every timer call first applies the due pages, then reports the due windows.
 *
 * <p>Rates: river versions are valid by river time (deterministic); a Currency Exchange rate
 * counts from the moment it arrives. Outputs: the events (main), {@link #STATS} and {@link #ALERTS}.
 */
public class DetectorFunction extends KeyedBroadcastProcessFunction<String, ListingEvent, RateUpdate, ListingEvent> {
    private static final long serialVersionUID = 1L;

    /** Broadcast state: rate history per "league|currency". */
    public static final MapStateDescriptor<String, RateHistory> RATES = new MapStateDescriptor<>("rates", Types.STRING,
            TypeInformation.of(RateHistory.class));
    public static final OutputTag<PriceStat> STATS = new OutputTag<>("price-stats", TypeInformation.of(PriceStat.class));
    public static final OutputTag<Alert> ALERTS = new OutputTag<>("alerts", TypeInformation.of(Alert.class));

    private final DetectOptions options;
    private transient KeyDetector detector;
    private transient ValueState<KeyState> state;
    private transient ListState<ListingEvent> pending;
    private transient Counter withoutRate;
    private transient Counter underpriced;
    private transient Counter shifts;
    private transient Counter fixerSuppressed;
    private transient Counter corroborated;
    private transient Counter late;
    /** Rates resolved at river time {@link #resolvedAt}, by league and currency (see {@link #rate}). */
    private transient Map<String, Map<String, RateBook.Rate>> resolved;
    private transient long resolvedAt;
    /** Keys with a timer registered at river time {@link #timersAt} (see {@link #processElement}). */
    private transient Set<String> timersFor;
    private transient long timersAt;

    public DetectorFunction(DetectOptions options) {
        this.options = options;
    }

    @Override
    public void open(OpenContext openContext) {
        detector = Detection.keyDetector(options);
        resolved = new HashMap<>();
        timersFor = new HashSet<>();
        timersAt = Long.MIN_VALUE;
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("key-state", TypeInformation.of(KeyState.class)));
        pending = getRuntimeContext().getListState(
                new ListStateDescriptor<>("pending-events", TypeInformation.of(ListingEvent.class)));
        var metrics = getRuntimeContext().getMetricGroup();
        withoutRate = metrics.counter("eventsWithoutRate");
        underpriced = metrics.counter("underpricedAlerts");
        shifts = metrics.counter("priceShiftAlerts");
        fixerSuppressed = metrics.counter("fixerListingsNotAlerted");
        corroborated = metrics.counter("corroboratedListingsNotAlerted");
        late = metrics.counter("lateEvents");
    }

    @Override
    public void processElement(ListingEvent event, ReadOnlyContext ctx, Collector<ListingEvent> out) throws Exception {
        // A record from the network (the detector's input is always shuffled by key, never chained),
        // so nobody else holds it: buffered and later converted in place without a copy.
        ListingEvent e = event;
        if (e.riverTime <= ctx.timerService().currentWatermark()) {
            // Not expected (the river's pages arrive before their watermark); processed alone.
            late.inc();
            KeyState s = state.value();
            long windowEnd = s == null ? KeyState.NONE : s.nextWindowEnd;
            s = processPage(s == null ? new KeyState() : s, e.riverTime, new ArrayList<>(List.of(e)), ctx, out);
            finish(s, windowEnd, ctx.timerService().currentWatermark(), ctx);
            return;
        }
        pending.add(e);
        // One timer per key and page. A page brings a key about five events; the timer service
        // would find the four repeats in its queue and drop them, but finding them costs as much
        // as registering, so the keys registered at the newest river time are remembered here.
        // Not state: after a restore the set starts empty, and a repeat registration is harmless.
        if (e.riverTime != timersAt) {
            timersFor.clear();
            timersAt = e.riverTime;
        }
        if (timersFor.add(ctx.getCurrentKey())) {
            ctx.timerService().registerEventTimeTimer(e.riverTime);
        }
    }

    @Override
    public void processBroadcastElement(RateUpdate update, Context ctx, Collector<ListingEvent> out) throws Exception {
        if (update.league == null || update.currency == null) {
            return;
        }
        resolved.clear();
        BroadcastState<String, RateHistory> rates = ctx.getBroadcastState(RATES);
        String key = RateBook.key(update.league, update.currency);
        long wm = ctx.currentWatermark();
        long horizon = wm == Long.MIN_VALUE || wm == Long.MAX_VALUE ? Long.MIN_VALUE : wm + 1;
        rates.put(key, RateBook.apply(rates.get(key), update, horizon));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ListingEvent> out) throws Exception {
        List<List<ListingEvent>> pages = PendingPages.takeDue(pending, timestamp);
        KeyState s = state.value();
        if (s == null) {
            s = new KeyState();
        }
        long windowEnd = s.nextWindowEnd;
        for (List<ListingEvent> page : pages) {
            long t = page.get(0).riverTime;
            reportWindows(s, t - 1, ctx);
            s = processPage(s, t, page, ctx, out);
        }
        reportWindows(s, timestamp, ctx);
        finish(s, windowEnd, timestamp, ctx);
    }

    private KeyState processPage(KeyState s, long t, List<ListingEvent> events, ReadOnlyContext ctx,
            Collector<ListingEvent> out) throws Exception {
        ReadOnlyBroadcastState<String, RateHistory> rates = ctx.getBroadcastState(RATES);
        String league = events.get(0).league;
        KeyDetector.PageResult r = detector.page(s, t, events, (currency, at) -> rate(rates, league, currency, at));
        for (Alert a : r.alerts) {
            ctx.output(ALERTS, a);
        }
        for (ListingEvent e : events) {
            out.collect(e);
        }
        withoutRate.inc(r.withoutRate);
        underpriced.inc(r.alerts.size());
        fixerSuppressed.inc(r.verdicts[Verdict.FIXER.ordinal()]);
        corroborated.inc(r.verdicts[Verdict.CORROBORATED.ordinal()]);
        return s;
    }

    /**
     * The rate of a currency in a league at river time {@code at}, resolved from the broadcast
     * state once per (league, currency) and river time: every key of a page converts at the page's
     * time with the same rates, so the resolved ones are remembered until the time moves on or a
     * rate update arrives ({@link #processBroadcastElement} clears them).
     */
    private RateBook.Rate rate(ReadOnlyBroadcastState<String, RateHistory> rates, String league, String currency,
            long at) {
        if (at != resolvedAt) {
            resolved.clear();
            resolvedAt = at;
        }
        Map<String, RateBook.Rate> byCurrency = resolved.computeIfAbsent(league, l -> new HashMap<>());
        RateBook.Rate rate = byCurrency.get(currency);
        if (rate == null) {
            try {
                rate = RateBook.resolve(currency, rates.get(RateBook.key(league, currency)), at, options.cxMaxAgeMillis);
            } catch (Exception ex) {
                throw new IllegalStateException("reading rate state failed", ex);
            }
            byCurrency.put(currency, rate);
        }
        return rate;
    }

    /** Reports every due window whose end − 1 is at most {@code limit}. */
    private void reportWindows(KeyState s, long limit, ReadOnlyContext ctx) {
        boolean endOfInput = ctx.timerService().currentWatermark() == Long.MAX_VALUE;
        while (s.nextWindowEnd != KeyState.NONE && s.nextWindowEnd - 1 <= limit) {
            long end = s.nextWindowEnd;
            KeyDetector.WindowResult r = detector.window(s, end);
            if (r.stat != null) {
                ctx.output(STATS, r.stat);
            }
            if (r.shift != null) {
                ctx.output(ALERTS, r.shift);
                shifts.inc();
            }
            if (s.book.size == 0 || endOfInput && end > s.lastPageTime) {
                // No listings left, or the input has ended: no windows past the data.
                s.nextWindowEnd = KeyState.NONE;
            } else {
                s.nextWindowEnd = end + options.slideMillis;
            }
        }
    }

    /**
     * Registers the timer of the key's next window end and stores or clears its state.
     * {@code windowEnd} is the next window end the key had before this call: its timer was
     * registered then, and is still in the queue when it is later than {@code firedUpTo} (the
     * timer firing now, or the watermark outside a timer), so an unchanged window end is not
     * registered again (most calls: a window end stays the same for the slide's pages).
     */
    private void finish(KeyState s, long windowEnd, long firedUpTo, ReadOnlyContext ctx) throws Exception {
        if (s.nextWindowEnd != KeyState.NONE && !(s.nextWindowEnd == windowEnd && windowEnd - 1 > firedUpTo)) {
            ctx.timerService().registerEventTimeTimer(s.nextWindowEnd - 1);
        }
        if (s.book.size == 0 && s.nextWindowEnd == KeyState.NONE) {
            state.clear();
        } else {
            state.update(s);
        }
    }
}
