package io.stashwatch.market;

import java.util.Arrays;

/**
 * The compact memory of one stash: its live priced listings as of its last snapshot, sorted by
 * item id, plus the stash's league and account (needed to describe a listing that disappears when
 * the stash goes private and arrives with nulls). Immutable once built.
 *
 * <p>Item ids (64 hex characters in the API) are kept as 32 raw bytes; an id of any other shape is
 * kept as text, with the SHA-256 of its text in its 32-byte slot so ordering and equality still
 * work on bytes. Currencies are {@link Currencies} byte ids. Per listing the serialised form is
 * the id, three bytes of flags/currency/frame type, the amount (a varint when it is a whole number)
 * and the item key.
 */
public final class StashState {

    /** Bytes of an item id slot. */
    public static final int ID_BYTES = 32;

    /** Flag: the note keyword was {@code ~b/o} (else {@code ~price}). */
    public static final int FLAG_BUYOUT = 1;
    /** Flag: the id is not 64 hex characters; the text is in {@link #textId(int)}. */
    public static final int FLAG_TEXT_ID = 2;
    /** Flag: the price came from the tab name, not the item's own note. */
    public static final int FLAG_TAB_PRICE = 4;

    private static final StashState EMPTY = new StashState(null, null, 0, new byte[0], null, new double[0],
            new byte[0], new byte[0], new byte[0], new String[0]);

    final String league;
    final String accountName;
    final int size;
    final byte[] ids;
    final String[] textIds;
    final double[] amounts;
    final byte[] currencies;
    final byte[] flags;
    final byte[] frameTypes;
    final String[] keys;

    StashState(String league, String accountName, int size, byte[] ids, String[] textIds, double[] amounts,
            byte[] currencies, byte[] flags, byte[] frameTypes, String[] keys) {
        this.league = league;
        this.accountName = accountName;
        this.size = size;
        this.ids = ids;
        this.textIds = textIds;
        this.amounts = amounts;
        this.currencies = currencies;
        this.flags = flags;
        this.frameTypes = frameTypes;
        this.keys = keys;
    }

    /** A state without listings. */
    public static StashState empty() {
        return EMPTY;
    }

    /** League of the stash when it last had listings. */
    public String league() {
        return league;
    }

    /** Account of the stash when it last had listings. */
    public String accountName() {
        return accountName;
    }

    /** Number of live listings. */
    public int size() {
        return size;
    }

    /** Item id of listing {@code i} as the API spells it (lower-case hex for normal ids). */
    public String itemId(int i) {
        if ((flags[i] & FLAG_TEXT_ID) != 0) {
            return textIds[i];
        }
        return ItemIds.toHex(ids, i * ID_BYTES);
    }

    /** The original text of a non-hex id, else null. */
    public String textId(int i) {
        return textIds == null ? null : textIds[i];
    }

    public double amount(int i) {
        return amounts[i];
    }

    /** Canonical currency id of listing {@code i}. */
    public String currency(int i) {
        return Currencies.byId(currencies[i]);
    }

    public byte currencyId(int i) {
        return currencies[i];
    }

    public int flags(int i) {
        return flags[i] & 0xff;
    }

    public int frameType(int i) {
        return frameTypes[i];
    }

    public String itemKey(int i) {
        return keys[i];
    }

    /** The price of listing {@code i} as a note ({@code ~b/o 3 chaos}). */
    public PriceNote note(int i) {
        return new PriceNote((flags[i] & FLAG_BUYOUT) != 0 ? PriceNote.Kind.BUYOUT : PriceNote.Kind.PRICE, amounts[i],
                currencies[i]);
    }

    /** Index of the listing with this item id, or a negative number when there is none. */
    public int indexOf(String itemId) {
        byte[] slot = new byte[ID_BYTES];
        ItemIds.encode(itemId, slot, 0);
        int lo = 0;
        int hi = size - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = Arrays.compareUnsigned(ids, mid * ID_BYTES, mid * ID_BYTES + ID_BYTES, slot, 0, ID_BYTES);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof StashState s)) {
            return false;
        }
        return size == s.size && java.util.Objects.equals(league, s.league)
                && java.util.Objects.equals(accountName, s.accountName)
                && Arrays.equals(ids, 0, size * ID_BYTES, s.ids, 0, size * ID_BYTES)
                && Arrays.equals(amounts, 0, size, s.amounts, 0, size)
                && Arrays.equals(currencies, 0, size, s.currencies, 0, size)
                && Arrays.equals(flags, 0, size, s.flags, 0, size)
                && Arrays.equals(frameTypes, 0, size, s.frameTypes, 0, size)
                && Arrays.equals(keys, 0, size, s.keys, 0, size)
                && textIdsEqual(s);
    }

    private boolean textIdsEqual(StashState s) {
        for (int i = 0; i < size; i++) {
            if (!java.util.Objects.equals(textId(i), s.textId(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(Arrays.copyOf(ids, size * ID_BYTES)) + size;
    }

    @Override
    public String toString() {
        return "StashState{" + league + " " + accountName + " listings=" + size + "}";
    }
}
