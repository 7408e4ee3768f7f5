package io.stashwatch.poe.parse;

import java.util.Arrays;

/**
 * A small direct-mapped cache that turns repeated JSON strings (league names, base types, notes, tab
 * names) into one shared {@link String} without allocating on a hit. Keyed by the string's raw UTF-8
 * bytes between the quotes, which determine the decoded string when the string has no escapes; strings
 * with escapes are decoded and not cached. Bounded: a slot holds the last string that hashed to it.
 * Not thread-safe; one per parser.
 */
public final class ByteStringCache {

    private final String[] strings;
    private final byte[][] keys;
    private final int mask;
    private final int maxLength;

    /**
     * @param size number of slots, rounded up to a power of two
     * @param maxLength longer strings (in bytes) are not cached (returned as new strings)
     */
    public ByteStringCache(int size, int maxLength) {
        int n = Integer.highestOneBit(Math.max(16, size - 1)) << 1;
        this.strings = new String[n];
        this.keys = new byte[n][];
        this.mask = n - 1;
        this.maxLength = maxLength;
    }

    /**
     * The string of the scanned JSON string {@code scanner.buf[from, to)} (between the quotes) with
     * flags {@code flags}, shared with earlier calls for the same bytes when cached.
     */
    public String get(JsonScanner scanner, int from, int to, int flags) {
        int len = to - from;
        if (len == 0) {
            return "";
        }
        if (len > maxLength || (flags & JsonScanner.ESCAPED) != 0) {
            return scanner.string(from, to, flags);
        }
        byte[] b = scanner.buf;
        int h = len;
        for (int i = from; i < to; i++) {
            h = 31 * h + b[i];
        }
        int slot = (h ^ (h >>> 13)) & mask;
        byte[] k = keys[slot];
        if (k != null && k.length == len && Arrays.equals(k, 0, len, b, from, to)) {
            return strings[slot];
        }
        String s = scanner.string(from, to, flags);
        strings[slot] = s;
        keys[slot] = Arrays.copyOfRange(b, from, to);
        return s;
    }
}
