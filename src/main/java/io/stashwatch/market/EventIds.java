package io.stashwatch.market;

import io.stashwatch.model.EventKind;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Deterministic event ids: the first 16 bytes, as 32 lower-case hex characters, of SHA-256 over
 * the UTF-8 bytes of {@code change_id|stash_id|item_id|kind} (kind as stored in the database:
 * listed, delisted, repriced). A replay of the same page yields the same ids.
 */
public final class EventIds {

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final ThreadLocal<Hasher> HASHER = ThreadLocal.withInitial(Hasher::new);

    private EventIds() {
    }

    /** The id of the event of {@code kind} for this item in this stash, observed in page {@code changeId}. */
    public static String eventId(String changeId, String stashId, String itemId, EventKind kind) {
        return HASHER.get().hash16(changeId, stashId, itemId, kind.dbName());
    }

    /** First 16 bytes of SHA-256 of the UTF-8 bytes of {@code text}, as 32 hex characters. */
    public static String hash16(String text) {
        return HASHER.get().hash16(text);
    }

    /** A digest and a buffer per thread: hashing allocates only the result. */
    private static final class Hasher {
        private final MessageDigest sha256;
        private byte[] buf = new byte[256];
        private final byte[] digest = new byte[32];

        Hasher() {
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is not available", e);
            }
        }

        String hash16(String... parts) {
            int n = 0;
            for (int p = 0; p < parts.length; p++) {
                if (p > 0) {
                    n = put(n, (byte) '|');
                }
                String s = String.valueOf(parts[p]);
                for (int i = 0; i < s.length(); i++) {
                    char c = s.charAt(i);
                    if (c >= 0x80) {
                        // not ASCII: encode this part properly
                        byte[] utf8 = s.substring(i).getBytes(StandardCharsets.UTF_8);
                        for (byte b : utf8) {
                            n = put(n, b);
                        }
                        break;
                    }
                    n = put(n, (byte) c);
                }
            }
            sha256.reset();
            sha256.update(buf, 0, n);
            try {
                sha256.digest(digest, 0, 32);
            } catch (java.security.DigestException e) {
                throw new IllegalStateException(e);
            }
            char[] out = new char[32];
            for (int i = 0; i < 16; i++) {
                out[2 * i] = HEX[(digest[i] >> 4) & 0xf];
                out[2 * i + 1] = HEX[digest[i] & 0xf];
            }
            return new String(out);
        }

        private int put(int n, byte b) {
            if (n == buf.length) {
                buf = java.util.Arrays.copyOf(buf, n * 2);
            }
            buf[n] = b;
            return n + 1;
        }
    }
}
