package io.stashwatch.model;

/**
 * One item of a stash snapshot, reduced by the page parser to what pricing needs. A Flink POJO
 * (public fields, no-arg constructor) so it is serialised without Kryo.
 *
 * <p>Strings are as the API sends them, except {@link #name} which has the {@code <<set:..>>}
 * markup removed. Numbers are 0 when absent.
 */
public class Item {
    /** Item id (64 hex characters); stable while the item exists. */
    public String id;
    /** Unique or rare name; "" for items without one. */
    public String name;
    public String typeLine;
    public String baseType;
    /** 0 normal, 1 magic, 2 rare, 3 unique, 4 gem, 5 currency, 6 divination card, 7 quest, 8 prophecy, 9 foil/relic. */
    public int frameType;
    /** The item's own note ({@code ~price 5 chaos}), or null. */
    public String note;
    /** Stack size for stackable items (currency, cards, fragments); 0 when not stackable. */
    public int stackSize;
    public int ilvl;
    public boolean identified;
    public boolean corrupted;
    /** Number of sockets. */
    public int sockets;
    /** Size of the largest linked socket group (0 without sockets). */
    public int links;
    /** Gem level (property type 5), 0 when not a gem. */
    public int gemLevel;
    /** Gem quality (property type 6), 0 when absent. */
    public int gemQuality;
    /** Alternate gem quality (Anomalous, Divergent, Phantasmal), or null. */
    public String gemAltQuality;
    /** Map tier, 0 when not a map. */
    public int mapTier;

    public Item() {
    }

    @Override
    public String toString() {
        return "Item{" + id + " " + name + " " + typeLine + " f" + frameType + " note=" + note + "}";
    }
}
