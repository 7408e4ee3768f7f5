package io.stashwatch.market;

import io.stashwatch.model.EventKind;
import io.stashwatch.model.ListingEvent;
import java.util.Comparator;

/** Helpers for listing events: the deterministic order within a page, copies. */
public final class Events {
    private Events() {
    }

    /**
     * The order events of one page are applied in, whatever order they arrived in: delistings
     * first (an item moving between stashes is delisted, then listed), then by item, stash, kind
     * and event id.
     */
    public static final Comparator<ListingEvent> PAGE_ORDER = Comparator
            .comparingInt((ListingEvent e) -> e.kind == EventKind.DELISTED ? 0 : 1)
            .thenComparing(e -> e.itemId, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(e -> e.stashId, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(e -> e.kind, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(e -> e.eventId, Comparator.nullsFirst(Comparator.naturalOrder()));
}
