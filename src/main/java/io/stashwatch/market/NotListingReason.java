package io.stashwatch.market;

import java.util.Locale;

/** Why an item's effective note is not a fixed-price listing. Counted per reason by the delta operator. */
public enum NotListingReason {
    /** No note on the item and no price in the tab name. */
    NO_NOTE,
    /** A note that is not {@code ~price}, {@code ~b/o} or {@code ~c/o} (free text, {@code ~skip}, ...). */
    NOT_A_PRICE,
    /** {@code ~c/o}: the seller asks for offers; not a fixed price. */
    CURRENT_OFFER,
    /** Keyword without an amount. */
    MISSING_AMOUNT,
    /** An amount that is not a number or fraction ({@code 13//}, {@code 13..1}, {@code 1/0}, {@code 1,5}). */
    BAD_AMOUNT,
    /** Zero or a negative amount. */
    NOT_POSITIVE,
    /** An amount without a currency. */
    MISSING_CURRENCY,
    /** A currency spelling {@link Currencies} does not know. */
    UNKNOWN_CURRENCY,
    /** More text after the currency. */
    TRAILING_TEXT;

    private final String metricName = name().toLowerCase(Locale.ROOT);

    /** Lower-case name for metrics and logs, e.g. {@code unknown_currency}. */
    public String metricName() {
        return metricName;
    }
}
