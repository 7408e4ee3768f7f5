package io.stashwatch.detect;

import io.stashwatch.market.NotListingReason;
import io.stashwatch.market.StashDiff;
import io.stashwatch.market.StashState;
import io.stashwatch.model.EventKind;
import io.stashwatch.model.ListingEvent;
import io.stashwatch.model.StashSnapshot;
import java.util.HashSet;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stash delta operator: keyed by stash id, it keeps each stash's live priced listings in a
 * compact {@link StashState} (own serializer, no Kryo) and turns every new snapshot into
 * listed / delisted / repriced {@link ListingEvent}s with {@link StashDiff}.
 *
 * <p>Events carry the page's change id, seq, river time, fetch time and realm (from the
 * snapshot). Their timestamps are the input record's, which the river source sets to the page's
 * river time. Snapshots of one stash reach this operator in river order (one source reader per
 * realm, forwarded, then keyed), so the diff needs no reordering.
 *
 * <p>Metrics (operator group {@code stashDeltas}): {@code events.listed|delisted|repriced},
 * {@code notes.<reason>} per {@link NotListingReason} (e.g. {@code notes.unknown_currency}), and
 * {@code snapshots}.
 */
public class StashDeltaFunction extends KeyedProcessFunction<String, StashSnapshot, ListingEvent> {

    private static final long serialVersionUID = 1L;

    /** Name of the keyed state (part of the checkpoint format: do not rename). */
    public static final String STATE_NAME = "stash-listings";

    private static final Logger LOG = LoggerFactory.getLogger(StashDeltaFunction.class);
    private static final int MAX_UNKNOWN_LOGGED = 20;

    private transient ValueState<StashState> state;
    private transient StashDiff diff;
    private transient Counter snapshots;
    private transient Counter[] eventCounters;
    private transient Counter[] reasonCounters;
    private transient Set<String> unknownLogged;

    /** The keyed-state descriptor; also used by tests and state tools. */
    public static ValueStateDescriptor<StashState> stateDescriptor() {
        return new ValueStateDescriptor<>(STATE_NAME, StashStateSerializer.INSTANCE);
    }

    /** The key of a snapshot: its stash id. */
    public static String key(StashSnapshot snapshot) {
        return snapshot.stashId;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        state = getRuntimeContext().getState(stateDescriptor());
        MetricGroup group = getRuntimeContext().getMetricGroup().addGroup("stashDeltas");
        snapshots = group.counter("snapshots");
        MetricGroup events = group.addGroup("events");
        eventCounters = new Counter[EventKind.values().length];
        for (EventKind k : EventKind.values()) {
            eventCounters[k.ordinal()] = events.counter(k.dbName());
        }
        MetricGroup notes = group.addGroup("notes");
        reasonCounters = new Counter[NotListingReason.values().length];
        for (NotListingReason r : NotListingReason.values()) {
            reasonCounters[r.ordinal()] = notes.counter(r.metricName());
        }
        unknownLogged = new HashSet<>();
        diff = new StashDiff(this::notListing);
    }

    /** Counts the reason; names the first few distinct unknown currencies in the log, to grow the alias table. */
    private void notListing(NotListingReason reason, String note) {
        reasonCounters[reason.ordinal()].inc();
        if (reason == NotListingReason.UNKNOWN_CURRENCY && unknownLogged.size() < MAX_UNKNOWN_LOGGED
                && note != null && unknownLogged.add(note)) {
            LOG.info("Price note with an unknown currency, not counted as a listing: '{}' "
                    + "(all such notes are counted in the metric notes.unknown_currency)", note);
        }
    }

    @Override
    public void processElement(StashSnapshot snapshot, Context ctx, Collector<ListingEvent> out) throws Exception {
        snapshots.inc();
        StashState previous = state.value();
        StashState next = diff.apply(previous, snapshot, e -> {
            eventCounters[e.kind.ordinal()].inc();
            out.collect(e);
        });
        if (next == null) {
            if (previous != null) {
                state.clear();
            }
        } else if (next != previous) {
            state.update(next);
        }
    }
}
