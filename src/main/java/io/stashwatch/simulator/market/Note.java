package io.stashwatch.simulator.market;

/**
 * A price note as written in an item's {@code note} or a tab name, with what it means: the amount
 * of a currency per unit, or no fixed price (offers, junk).
 */
final class Note {
    final String text;
    /** {@link #text} as a quoted JSON string. */
    final byte[] json;
    /** Catalog currency index of the price, or -1 when the note is not a fixed price in a known currency. */
    final int currency;
    /** Amount of {@link #currency} per unit. */
    final double amount;

    Note(String text, int currency, double amount) {
        this.text = text;
        this.json = JsonOut.quote(text);
        this.currency = currency;
        this.amount = amount;
    }

    boolean fixedPrice() {
        return currency >= 0;
    }

    @Override
    public String toString() {
        return text;
    }
}
