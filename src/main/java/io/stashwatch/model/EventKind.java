package io.stashwatch.model;

/** What happened to a priced listing between two snapshots of its stash. */
public enum EventKind {
    /** A priced item appeared in this stash (new, moved in, or got a price). */
    LISTED,
    /** A priced item is gone from this stash, lost its price, or the stash went private or empty. */
    DELISTED,
    /** The item's effective price (amount or currency) changed. */
    REPRICED;

    private final String dbName = name().toLowerCase(java.util.Locale.ROOT);

    /** Name as stored in the database: listed, delisted, repriced (one instance, made once: every event's id hashes it). */
    public String dbName() {
        return dbName;
    }
}
