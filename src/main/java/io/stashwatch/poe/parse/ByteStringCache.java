package io.stashwatch.poe.parse;

import static io.stashwatch.poe.parse.JsonScanner.LONGS;

import java.util.Arrays;

/**
 * A small direct-mapped cache that turns repeated JSON strings (league names, base types, notes, tab
 * names) into one shared {@link String} without allocating on a hit. Keyed by the string's raw UTF-8
 * bytes between the quotes, which determine the decoded string when the string has no escapes; strings
 * with escapes are decoded and not cached. Bounded: a slot holds the last string that hashed to it.
 *
 * <p>A slot keeps its key's length and first and last eight bytes (as longs) in flat arrays, which
 * settle a lookup of a string of up to 16 bytes without touching the key's own array; longer keys
 * compare their middle bytes too. Not thread-safe; one per parser.
 */
public final class ByteStringCache {

    private static final long MIX = 0x9E3779B97F4A7C15L;

    private final String[] strings;
    private final int[] lengths;
    private final long[] heads;
    private final long[] tails;
    /** The whole key, for keys longer than 16 bytes. */
    private final byte[][] keys;
    private final int shift;
    private final int maxLength;

    /**
     * @param size number of slots, rounded up to a power of two
     * @param maxLength longer strings (in bytes) are not cached (returned as new strings)
     */
    public ByteStringCache(int size, int maxLength) {
        int n = Integer.highestOneBit(Math.max(16, size - 1)) << 1;
        this.strings = new String[n];
        this.lengths = new int[n];
        this.heads = new long[n];
        this.tails = new long[n];
        this.keys = new byte[n][];
        this.shift = 64 - Integer.numberOfTrailingZeros(n);
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
        long head;
        long tail;
        long h = len * MIX;
        if (len >= 8) {
            head = (long) LONGS.get(b, from);
            tail = (long) LONGS.get(b, to - 8);
            for (int i = from + 8; i < to - 8; i += 8) {
                h = (h ^ (long) LONGS.get(b, i)) * MIX;
            }
        } else {
            head = JsonScanner.shortBytes(b, from, len);
            tail = head;
        }
        h = ((h ^ head) * MIX ^ Long.rotateLeft(tail, 31)) * MIX;
        int slot = (int) (h >>> shift);
        if (lengths[slot] == len && heads[slot] == head && tails[slot] == tail
                && (len <= 16 || Arrays.equals(keys[slot], 8, len - 8, b, from + 8, to - 8))) {
            return strings[slot];
        }
        String s = scanner.string(from, to, flags);
        strings[slot] = s;
        lengths[slot] = len;
        heads[slot] = head;
        tails[slot] = tail;
        keys[slot] = len <= 16 ? null : Arrays.copyOfRange(b, from, to);
        return s;
    }
}
