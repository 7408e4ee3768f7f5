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

    /** A field-by-field copy (operators must not keep references to records they received). */
    public static ListingEvent copy(ListingEvent e) {
        ListingEvent c = new ListingEvent();
        c.eventId = e.eventId;
        c.kind = e.kind;
        c.itemId = e.itemId;
        c.stashId = e.stashId;
        c.realm = e.realm;
        c.league = e.league;
        c.accountName = e.accountName;
        c.itemKey = e.itemKey;
        c.name = e.name;
        c.baseType = e.baseType;
        c.frameType = e.frameType;
        c.stackSize = e.stackSize;
        c.note = e.note;
        c.priceAmount = e.priceAmount;
        c.priceCurrency = e.priceCurrency;
        c.priceChaos = e.priceChaos;
        c.prevPriceAmount = e.prevPriceAmount;
        c.prevPriceCurrency = e.prevPriceCurrency;
        c.prevPriceChaos = e.prevPriceChaos;
        c.rateSource = e.rateSource;
        c.changeId = e.changeId;
        c.seq = e.seq;
        c.riverTime = e.riverTime;
        c.fetchedAt = e.fetchedAt;
        return c;
    }
}
