package io.stashwatch.testing;

import io.stashwatch.model.Item;

/** Builds test items tersely. */
public final class Items {

    private Items() {
    }

    public static Item item(int frameType, String name, String baseType) {
        Item i = new Item();
        i.frameType = frameType;
        i.name = name == null ? "" : name;
        i.typeLine = baseType;
        i.baseType = baseType;
        i.identified = true;
        return i;
    }

    public static Item unique(String name, String base, int links) {
        Item i = item(3, name, base);
        i.links = links;
        i.sockets = links;
        return i;
    }

    public static Item gem(String typeLine, int level, int quality, boolean corrupted) {
        Item i = item(4, "", typeLine);
        i.gemLevel = level;
        i.gemQuality = quality;
        i.corrupted = corrupted;
        return i;
    }

    public static Item currency(String name, int stack) {
        Item i = item(5, "", name);
        i.stackSize = stack;
        return i;
    }

    public static Item card(String name, int stack) {
        Item i = item(6, "", name);
        i.stackSize = stack;
        return i;
    }

    public static Item map(int frameType, String typeLine, String base, int tier) {
        Item i = item(frameType, "", base);
        i.typeLine = typeLine;
        i.mapTier = tier;
        return i;
    }

    /** The item with an id and a note. */
    public static Item priced(Item i, String id, String note) {
        i.id = id;
        i.note = note;
        return i;
    }

    /** A 64-hex item id made from a number, as the API's ids look. */
    public static String id(int n) {
        return String.format("%056x%08x", n * 0x9E3779B97F4A7C15L & Long.MAX_VALUE, n);
    }
}
