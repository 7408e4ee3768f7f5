package io.stashwatch.simulator.market;

/** One fungible item key: what items of this key look like and what they are worth in the main league. */
final class KeyDef {
    final int index;
    final String key;
    final Kind kind;
    /** Index into the catalog list of its kind. */
    final int def;
    /** Uniques: 0 for 0-4 links, 5 or 6. */
    final int links;
    /** Gems: the variant. */
    final Catalog.GemVariant gem;
    final double chaos;
    final double popularity;

    KeyDef(int index, String key, Kind kind, int def, int links, Catalog.GemVariant gem, double chaos,
            double popularity) {
        this.index = index;
        this.key = key;
        this.kind = kind;
        this.def = def;
        this.links = links;
        this.gem = gem;
        this.chaos = chaos;
        this.popularity = popularity;
    }

    @Override
    public String toString() {
        return key;
    }
}
