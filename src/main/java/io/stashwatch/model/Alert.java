package io.stashwatch.model;

/**
 * An alert. {@link #alertId} is deterministic, so a replay or restore produces the same id and
 * the sinks deliver it once.
 *
 * <p>UNDERPRICED: {@link #priceChaos} is the listing's price, {@link #referenceChaos} the reference
 * it was judged against. PRICE_SHIFT: {@link #priceChaos} is the new reference,
 * {@link #referenceChaos} the old one; item, stash and account are null.
 */
public class Alert {
    public String alertId;
    public AlertKind kind;
    public String realm;
    public String league;
    public String itemKey;
    public String itemId;
    public String stashId;
    public String accountName;
    public String name;
    public String note;
    public double priceAmount = Double.NaN;
    public String priceCurrency;
    public double priceChaos;
    public double referenceChaos;
    /** Listings (distinct accounts) behind the reference. */
    public int samples;
    /** The page that triggered the alert (for PRICE_SHIFT: the page whose watermark closed the window). */
    public String changeId;
    public long seq;
    /** River time of that page (created_at). */
    public long riverTime;
    /** Wall-clock fetch time of that page (latency only). */
    public long fetchedAt;

    public Alert() {
    }

    /**
     * An underpriced alert on a listing event: the listing's identity, account and price, and the
     * reference it was judged against.
     */
    public static Alert underpriced(ListingEvent e, String alertId, double reference, int samples) {
        Alert a = new Alert();
        a.alertId = alertId;
        a.kind = AlertKind.UNDERPRICED;
        a.realm = e.realm;
        a.league = e.league;
        a.itemKey = e.itemKey;
        a.itemId = e.itemId;
        a.stashId = e.stashId;
        a.accountName = e.accountName;
        a.name = e.name;
        a.note = e.note;
        a.priceAmount = e.priceAmount;
        a.priceCurrency = e.priceCurrency;
        a.priceChaos = e.priceChaos;
        a.referenceChaos = reference;
        a.samples = samples;
        a.changeId = e.changeId;
        a.seq = e.seq;
        a.riverTime = e.riverTime;
        a.fetchedAt = e.fetchedAt;
        return a;
    }

    @Override
    public String toString() {
        return "Alert{" + kind + " " + league + " " + itemKey + " price=" + priceChaos + " ref=" + referenceChaos
                + " item=" + itemId + " id=" + alertId + "}";
    }
}
