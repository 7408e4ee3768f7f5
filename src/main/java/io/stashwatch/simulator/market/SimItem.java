package io.stashwatch.simulator.market;

/**
 * One item of the simulated market. Immutable: repricing makes a copy with the same id, so market
 * snapshots can share items.
 */
final class SimItem {
    final long serial;
    final byte[] id;
    final Kind kind;
    /** Key index, -1 for rares and magics. */
    final int key;
    /** Index into the catalog list of its kind (bases for rares and magics). */
    final int def;
    final int ilvl;
    /** Sockets packed by {@link Sockets}, 0 for none. */
    final long sockets;
    final int stack;
    /** Roll variant of the mods (0..2). */
    final int roll;
    /** Mods written as {"description","flags"} objects. */
    final boolean modObjects;
    /** Name written with the {@code <<set:MS>>} markup. */
    final boolean markup;
    final boolean corrupted;
    final boolean identified;
    /** Maps: 0 normal, 1 magic, 2 rare. */
    final int rarity;
    /** Rare name or magic affix choice, and rare mod selection (bit mask over the mod pool). */
    final int nameBits;
    final int modMask;
    /** The item's own note, or null. */
    final Note note;
    /** Chaos per unit of the own note; NaN when the note is not a fixed price or absent. */
    final double price;
    /** Bought by a sniper: gone the next time its stash changes. */
    final boolean sniped;

    SimItem(long serial, byte[] id, Kind kind, int key, int def, int ilvl, long sockets, int stack, int roll,
            boolean modObjects, boolean markup, boolean corrupted, boolean identified, int rarity, int nameBits,
            int modMask, Note note, double price, boolean sniped) {
        this.serial = serial;
        this.id = id;
        this.kind = kind;
        this.key = key;
        this.def = def;
        this.ilvl = ilvl;
        this.sockets = sockets;
        this.stack = stack;
        this.roll = roll;
        this.modObjects = modObjects;
        this.markup = markup;
        this.corrupted = corrupted;
        this.identified = identified;
        this.rarity = rarity;
        this.nameBits = nameBits;
        this.modMask = modMask;
        this.note = note;
        this.price = price;
        this.sniped = sniped;
    }

    SimItem withNote(Note newNote, double newPrice) {
        return new SimItem(serial, id, kind, key, def, ilvl, sockets, stack, roll, modObjects, markup, corrupted,
                identified, rarity, nameBits, modMask, newNote, newPrice, sniped);
    }

    SimItem asSniped() {
        return new SimItem(serial, id, kind, key, def, ilvl, sockets, stack, roll, modObjects, markup, corrupted,
                identified, rarity, nameBits, modMask, note, price, true);
    }
}
