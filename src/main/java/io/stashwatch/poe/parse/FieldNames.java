package io.stashwatch.poe.parse;

import static io.stashwatch.poe.parse.JsonScanner.LONGS;

import java.nio.charset.StandardCharsets;

/**
 * A small set of ASCII field names (at most 16 bytes each) matched against the raw bytes of a JSON
 * name without making a String: the length and the first and last eight bytes, read as longs, pick
 * the one candidate (a collision-free hash chosen when the set is made), then are compared with it.
 */
public final class FieldNames {

    private static final int MAX_LENGTH = 16;
    private static final int SLOT_BITS = 6;

    /** Name id by hash slot, -1 for none. */
    private final int[] slots = new int[1 << SLOT_BITS];
    private long multiplier;

    private final String[] names;
    private final int[] lengths;
    private final long[] heads;
    private final long[] tails;

    /** The id of a name is its index here. */
    public FieldNames(String... names) {
        this.names = names.clone();
        this.lengths = new int[names.length];
        this.heads = new long[names.length];
        this.tails = new long[names.length];
        for (int f = 0; f < names.length; f++) {
            byte[] b = names[f].getBytes(StandardCharsets.US_ASCII);
            if (b.length == 0 || b.length > MAX_LENGTH || !names[f].chars().allMatch(c -> c < 0x80)) {
                throw new IllegalArgumentException("not a short ASCII name: " + names[f]);
            }
            byte[] padded = new byte[Math.max(8, b.length)];
            System.arraycopy(b, 0, padded, 0, b.length);
            lengths[f] = b.length;
            heads[f] = (long) LONGS.get(padded, 0);
            tails[f] = b.length >= 8 ? (long) LONGS.get(padded, b.length - 8) : heads[f];
        }
        java.util.SplittableRandom random = new java.util.SplittableRandom(names.length);
        for (int attempt = 0;; attempt++) {
            if (attempt == 100_000) {
                throw new IllegalArgumentException("no collision-free hash for " + String.join(", ", names));
            }
            multiplier = random.nextLong() | 1;
            java.util.Arrays.fill(slots, -1);
            boolean free = true;
            for (int f = 0; f < names.length && free; f++) {
                int slot = slot(lengths[f], heads[f], tails[f]);
                free = slots[slot] < 0;
                slots[slot] = f;
            }
            if (free) {
                return;
            }
        }
    }

    private int slot(int len, long head, long tail) {
        return (int) (((head ^ Long.rotateLeft(tail, 29) ^ len) * multiplier) >>> (64 - SLOT_BITS));
    }

    /** The id of the name whose bytes are {@code b[from, to)} (plain ASCII, no escapes), or -1. */
    public int match(byte[] b, int from, int to) {
        int len = to - from;
        if (len == 0 || len > MAX_LENGTH) {
            return -1;
        }
        long head;
        long tail;
        if (len >= 8) {
            head = (long) LONGS.get(b, from);
            tail = (long) LONGS.get(b, to - 8);
        } else {
            head = JsonScanner.shortBytes(b, from, len);
            tail = head;
        }
        int f = slots[slot(len, head, tail)];
        return f >= 0 && lengths[f] == len && heads[f] == head && tails[f] == tail ? f : -1;
    }

    /** The id of the name {@code c[0, n)} (decoded chars), or -1. */
    public int match(char[] c, int n) {
        outer:
        for (int f = 0; f < names.length; f++) {
            String name = names[f];
            if (name.length() != n) {
                continue;
            }
            for (int i = 0; i < n; i++) {
                if (c[i] != name.charAt(i)) {
                    continue outer;
                }
            }
            return f;
        }
        return -1;
    }
}
