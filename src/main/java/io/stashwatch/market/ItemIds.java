package io.stashwatch.market;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Item ids as 32 raw bytes: API ids are 64 hex characters; any other text is stored by its SHA-256. */
public final class ItemIds {

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    /** Value of a lower-case hex digit by ASCII code; 0x100 for anything else. */
    private static final int[] LOWER_HEX = new int[128];

    static {
        java.util.Arrays.fill(LOWER_HEX, 0x100);
        for (int i = 0; i < 16; i++) {
            LOWER_HEX[HEX[i]] = i;
        }
    }

    private ItemIds() {
    }

    /**
     * Writes the 32-byte form of {@code id} at {@code dst[off]}.
     *
     * @return true when the id is 64 lower-case hex characters (the bytes are the id itself), false when the
     *     bytes are a hash and the text must be kept to give the id back
     */
    public static boolean encode(String id, byte[] dst, int off) {
        if (id.length() == 2 * StashState.ID_BYTES) {
            int bad = 0;
            for (int i = 0; i < StashState.ID_BYTES; i++) {
                int hi = digit(id.charAt(2 * i));
                int lo = digit(id.charAt(2 * i + 1));
                bad |= hi | lo;
                dst[off + i] = (byte) ((hi << 4) | lo);
            }
            if ((bad & ~0xf) == 0) {
                return true;
            }
        }
        // not lower-case hex (upper case would not round-trip through toHex): keep the text, hash it here
        byte[] h = sha256(id);
        System.arraycopy(h, 0, dst, off, StashState.ID_BYTES);
        return false;
    }

    private static int digit(char c) {
        return c < 128 ? LOWER_HEX[c] : 0x100;
    }

    /** Lower-case hex of 32 bytes at {@code src[off]}. */
    public static String toHex(byte[] src, int off) {
        char[] out = new char[2 * StashState.ID_BYTES];
        for (int i = 0; i < StashState.ID_BYTES; i++) {
            byte b = src[off + i];
            out[2 * i] = HEX[(b >> 4) & 0xf];
            out[2 * i + 1] = HEX[b & 0xf];
        }
        return new String(out);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
