package io.stashwatch.model;

import io.stashwatch.model.serial.ListingEventSerializer;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * A change of one priced listing, derived from two consecutive snapshots of its stash.
 * {@link #eventId} is deterministic from (change id, stash id, item id, kind), so a replay writes
 * the same ids. Prices are per unit for stackable items (the note's price is per item of the stack).
 */
@TypeInfo(ListingEventSerializer.Factory.class)
public class ListingEvent {
    public String eventId;
    public EventKind kind;
    public String itemId;
    public String stashId;
    public String realm;
    public String league;
    public String accountName;
    /** Human-readable item key, e.g. {@code Kaom's Heart Glorious Plate 6L}. */
    public String itemKey;
    public String name;
    public String baseType;
    public int frameType;
    public int stackSize;
    /** The effective note (the item's own, else the tab's name). */
    public String note;
    /** Price from the note; for DELISTED the last known price. */
    public double priceAmount;
    /** Canonical currency id (chaos, divine, exalted, ...). */
    public String priceCurrency;
    /** Price in chaos; NaN when the currency has no rate yet (counted, not guessed). */
    public double priceChaos = Double.NaN;
    /** For REPRICED: the previous price; NaN / null otherwise. */
    public double prevPriceAmount = Double.NaN;
    public String prevPriceCurrency;
    public double prevPriceChaos = Double.NaN;
    /**
     * Where the rate behind {@link #priceChaos} came from: {@code cx} (Currency Exchange) or
     * {@code river} (derived from the river); null when the price is in chaos or has no rate.
     */
    public String rateSource;
    /** The page this change was observed in. */
    public String changeId;
    public long seq;
    /** River time of the page (observed_at). */
    public long riverTime;
    /** Wall-clock fetch time of the page (latency only). */
    public long fetchedAt;

    public ListingEvent() {
    }

    /** A field-by-field copy. */
    public ListingEvent copy() {
        ListingEvent c = new ListingEvent();
        c.eventId = this.eventId;
        c.kind = this.kind;
        c.itemId = this.itemId;
        c.stashId = this.stashId;
        c.realm = this.realm;
        c.league = this.league;
        c.accountName = this.accountName;
        c.itemKey = this.itemKey;
        c.name = this.name;
        c.baseType = this.baseType;
        c.frameType = this.frameType;
        c.stackSize = this.stackSize;
        c.note = this.note;
        c.priceAmount = this.priceAmount;
        c.priceCurrency = this.priceCurrency;
        c.priceChaos = this.priceChaos;
        c.prevPriceAmount = this.prevPriceAmount;
        c.prevPriceCurrency = this.prevPriceCurrency;
        c.prevPriceChaos = this.prevPriceChaos;
        c.rateSource = this.rateSource;
        c.changeId = this.changeId;
        c.seq = this.seq;
        c.riverTime = this.riverTime;
        c.fetchedAt = this.fetchedAt;
        return c;
    }

    @Override
    public String toString() {
        return "ListingEvent{" + kind + " " + itemKey + " " + priceAmount + " " + priceCurrency + " ("
                + priceChaos + "c) item=" + itemId + " stash=" + stashId + " page=" + seq + "}";
    }
}
