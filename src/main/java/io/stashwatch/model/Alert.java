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

    @Override
    public String toString() {
        return "Alert{" + kind + " " + league + " " + itemKey + " price=" + priceChaos + " ref=" + referenceChaos
                + " item=" + itemId + " id=" + alertId + "}";
    }
}
