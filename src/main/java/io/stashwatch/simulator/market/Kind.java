package io.stashwatch.simulator.market;

/** What an item is, as far as its key and its JSON shape go. */
enum Kind {
    UNIQUE, GEM, CARD, CURRENCY, MAP, RARE, MAGIC;

    /** Fungible kinds have a key with a market price; rares and magics are never judged. */
    boolean fungible() {
        return this != RARE && this != MAGIC;
    }
}
