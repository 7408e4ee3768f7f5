package io.stashwatch.market;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Item ids as 32 raw bytes: API ids are 64 hex characters; any other text is stored by its SHA-256. */
public final class ItemIds {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private ItemIds() {
    }

    /**
     * Writes the 32-byte form of {@code id} at {@code dst[off]}.
     *
     * @return true when the id is 64 hex characters (the bytes are the id itself), false when the
     *     bytes are a hash and the text must be kept to give the id back
     */
    public static boolean encode(String id, byte[] dst, int off) {
        if (id.length() == 2 * StashState.ID_BYTES) {
            boolean ok = true;
            for (int i = 0; i < StashState.ID_BYTES; i++) {
                int hi = hexValue(id.charAt(2 * i));
                int lo = hexValue(id.charAt(2 * i + 1));
                if ((hi | lo) < 0) {
                    ok = false;
                    break;
                }
                dst[off + i] = (byte) ((hi << 4) | lo);
            }
            if (ok && isLowerCase(id)) {
                return true;
            }
        }
        byte[] h = sha256(id);
        System.arraycopy(h, 0, dst, off, StashState.ID_BYTES);
        return false;
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

    /** Upper-case hex would not round-trip through {@link #toHex}; such ids are kept as text. */
    private static boolean isLowerCase(String id) {
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c >= 'A' && c <= 'F') {
                return false;
            }
        }
        return true;
    }

    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
