package io.stashwatch.poe.parse;

/**
 * A small direct-mapped cache that turns repeated character runs (league names, base types, notes,
 * tab names) into one shared {@link String} without allocating on a hit, for the Jackson parser kept
 * as a test oracle ({@code JacksonPageParserOracle}). Bounded: a slot holds the
 * last string that hashed to it. Not thread-safe; one per parser.
 */
public final class StringCache {

    private final String[] slots;
    /** The characters of each slot's string, compared with the (vectorised) array equality. */
    private final char[][] chars;
    private final int mask;
    private final int maxLength;

    /**
     * @param size number of slots, rounded up to a power of two
     * @param maxLength longer runs are not cached (returned as new strings)
     */
    public StringCache(int size, int maxLength) {
        int n = Integer.highestOneBit(Math.max(16, size - 1)) << 1;
        this.slots = new String[n];
        this.chars = new char[n][];
        this.mask = n - 1;
        this.maxLength = maxLength;
    }

    /** The string of {@code buf[off, off + len)}, shared with earlier calls for the same run when cached. */
    public String get(char[] buf, int off, int len) {
        if (len == 0) {
            return "";
        }
        if (len > maxLength) {
            return new String(buf, off, len);
        }
        int h = 0;
        for (int i = off, end = off + len; i < end; i++) {
            h = 31 * h + buf[i];
        }
        int slot = (h ^ (h >>> 15)) & mask;
        char[] c = chars[slot];
        if (c != null && c.length == len && java.util.Arrays.equals(c, 0, len, buf, off, off + len)) {
            return slots[slot];
        }
        String s = new String(buf, off, len);
        slots[slot] = s;
        chars[slot] = java.util.Arrays.copyOfRange(buf, off, off + len);
        return s;
    }
}
