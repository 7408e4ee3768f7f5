package io.stashwatch.model;

/** Kinds of alert. */
public enum AlertKind {
    /** A listing far below its key's reference price. */
    UNDERPRICED,
    /** A key's reference price moved by at least detect.shift-ratio, persistently. */
    PRICE_SHIFT;

    private final String dbName = name().toLowerCase(java.util.Locale.ROOT);

    /** Name as stored in the database: underpriced, price_shift (one instance, made once: every event's id hashes it). */
    public String dbName() {
        return dbName;
    }
}
