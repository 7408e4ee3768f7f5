package io.stashwatch.market;

/** Outcome of judging one listing event (see {@link UnderpricedJudge}). */
public enum Verdict {
    /** Underpriced: alert. */
    ALERT,
    /** Not a listing or a reprice (delistings are not judged). */
    NOT_A_LISTING,
    /** Rare or magic item: every one is different, never judged against a key reference. */
    RARE_OR_MAGIC,
    /** No chaos price (unknown currency or no rate yet). */
    NO_PRICE,
    /**
     * The key has no reference (fewer than min-samples distinct accounts, or below the price floor).
     * Not known for a page judged {@link #FAIR} without an estimate.
     */
    NO_REFERENCE,
    /**
     * Priced above the underpriced threshold; or, on a page where every candidate asks more than
     * underpriced-ratio × the recent median (which bounds every threshold from above), judged so
     * without making the estimate, whether or not the key has a reference.
     */
    FAIR,
    /** Already alerted at this price or lower; only a further drop re-alerts. */
    ALREADY_ALERTED,
    /** The account has more cheap listings of this key than one account may contribute: a price fixer. */
    FIXER,
    /** Another account recently listed at about the same low price: that is the market, not a steal. */
    CORROBORATED,
    /** A second event of an item already judged in this page. */
    DUPLICATE
}
