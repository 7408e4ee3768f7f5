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
    public static final Comparator<ListingEvent> PAGE_ORDER = Events::comparePageOrder;

    /**
     * {@link #PAGE_ORDER} written out: delistings first, then item id, stash id, kind and event id,
     * null before any value (every page's events of every key are sorted with it, so no chain of
     * comparator lambdas).
     */
    static int comparePageOrder(ListingEvent a, ListingEvent b) {
        int c = Integer.compare(a.kind == EventKind.DELISTED ? 0 : 1, b.kind == EventKind.DELISTED ? 0 : 1);
        if (c == 0) {
            c = nullsFirst(a.itemId, b.itemId);
        }
        if (c == 0) {
            c = nullsFirst(a.stashId, b.stashId);
        }
        if (c == 0) {
            c = a.kind == b.kind ? 0 : a.kind == null ? -1 : b.kind == null ? 1 : a.kind.compareTo(b.kind);
        }
        if (c == 0) {
            c = nullsFirst(a.eventId, b.eventId);
        }
        return c;
    }

    private static int nullsFirst(String a, String b) {
        if (a == null || b == null) {
            return a == b ? 0 : a == null ? -1 : 1;
        }
        return a.compareTo(b);
    }
}
