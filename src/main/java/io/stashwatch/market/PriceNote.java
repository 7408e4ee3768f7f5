package io.stashwatch.market;

import java.util.Objects;

/**
 * A fixed price read from a note: {@code ~price 3/2 divine} is (PRICE, 1.5, "divine"). The amount
 * is per unit for stackable items. Immutable.
 */
public final class PriceNote {

    /** The note keyword; both are fixed prices. */
    public enum Kind {
        /** {@code ~price}: exact price. */
        PRICE("~price"),
        /** {@code ~b/o}: buyout. */
        BUYOUT("~b/o");

        private final String keyword;

        Kind(String keyword) {
            this.keyword = keyword;
        }

        /** The keyword as written in notes. */
        public String keyword() {
            return keyword;
        }
    }

    private final Kind kind;
    private final double amount;
    private final byte currencyId;

    /**
     * @param amount positive and finite
     * @param currencyId a byte id of {@link Currencies}, not 0
     */
    public PriceNote(Kind kind, double amount, byte currencyId) {
        if (!(amount > 0) || Double.isInfinite(amount)) {
            throw new IllegalArgumentException("price amount must be positive and finite: " + amount);
        }
        if (Currencies.byId(currencyId) == null) {
            throw new IllegalArgumentException("unknown currency id " + currencyId);
        }
        this.kind = Objects.requireNonNull(kind);
        this.amount = amount;
        this.currencyId = currencyId;
    }

    /** A note in a canonical currency id, e.g. {@code of(BUYOUT, 4, "exalted")}. */
    public static PriceNote of(Kind kind, double amount, String canonicalCurrency) {
        byte id = Currencies.idOf(canonicalCurrency);
        if (id == 0) {
            throw new IllegalArgumentException("not a canonical currency id: " + canonicalCurrency);
        }
        return new PriceNote(kind, amount, id);
    }

    public Kind kind() {
        return kind;
    }

    /** Price per unit, in {@link #currency()}. */
    public double amount() {
        return amount;
    }

    /** Canonical currency id (chaos, divine, exalted, ...). */
    public String currency() {
        return Currencies.byId(currencyId);
    }

    /** The currency's byte id in {@link Currencies}. */
    public byte currencyId() {
        return currencyId;
    }

    /** True when amount and currency are the same (the keyword does not change the price). */
    public boolean samePrice(PriceNote other) {
        return other != null && amount == other.amount && currencyId == other.currencyId;
    }

    /** A canonical note text: {@code ~b/o 1.5 divine}. */
    @Override
    public String toString() {
        String a = amount == Math.rint(amount) && Math.abs(amount) < 1e15 ? Long.toString((long) amount)
                : Double.toString(amount);
        return kind.keyword() + " " + a + " " + currency();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PriceNote p && p.kind == kind && p.amount == amount && p.currencyId == currencyId;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, amount, currencyId);
    }
}
