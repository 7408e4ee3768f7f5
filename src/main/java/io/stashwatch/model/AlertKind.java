package io.stashwatch.model;

/** Kinds of alert. */
public enum AlertKind {
    /** A listing far below its key's reference price. */
    UNDERPRICED,
    /** A key's reference price moved by at least detect.shift-ratio, persistently. */
    PRICE_SHIFT;

    /** Name as stored in the database: underpriced, price_shift. */
    public String dbName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
