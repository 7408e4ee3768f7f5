package io.stashwatch.model;

/** What happened to a priced listing between two snapshots of its stash. */
public enum EventKind {
    /** A priced item appeared in this stash (new, moved in, or got a price). */
    LISTED,
    /** A priced item is gone from this stash, lost its price, or the stash went private or empty. */
    DELISTED,
    /** The item's effective price (amount or currency) changed. */
    REPRICED;

    /** Name as stored in the database: listed, delisted, repriced. */
    public String dbName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
