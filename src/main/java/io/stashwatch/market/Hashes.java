package io.stashwatch.market;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Hashes used by pricing state and identifiers. {@link #of(String)} maps item, stash and account
 * names to 64-bit values so a key's listing book is a handful of primitive arrays; within one
 * book (a few thousand entries at most) a collision is vanishingly unlikely.
 */
public final class Hashes {
    private Hashes() {
    }

    /** 64-bit hash of a string (FNV-1a over its chars, then a 64-bit finaliser); 0 for null. */
    public static long of(String s) {
        if (s == null) {
            return 0L;
        }
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }

    /** First 16 bytes of SHA-256 over the UTF-8 text, as 32 lower-case hex digits. */
    public static String sha256Hex16(String text) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
        byte[] d = md.digest(text.getBytes(StandardCharsets.UTF_8));
        char[] out = new char[32];
        final char[] hex = "0123456789abcdef".toCharArray();
        for (int i = 0; i < 16; i++) {
            out[2 * i] = hex[(d[i] >> 4) & 0xf];
            out[2 * i + 1] = hex[d[i] & 0xf];
        }
        return new String(out);
    }
}
