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
        return HASHER.get().eventId(changeId, stashId, itemId, kind.dbName());
    }

    /** First 16 bytes of SHA-256 of the UTF-8 bytes of {@code text}, as 32 hex characters. */
    public static String hash16(String text) {
        return HASHER.get().hash16(text);
    }

    /**
     * A digest and a buffer per thread: hashing allocates only the result, and the events of one
     * snapshot (same change id and stash id instances) encode their common prefix once.
     */
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

        // the bytes of "changeId|stashId|" stay in buf[0, prefixLength) while these two stay the same
        // instances: the events of one snapshot share them
        private boolean hasPrefix;
        private String prefixChangeId;
        private String prefixStashId;
        private int prefixLength;

        String eventId(String changeId, String stashId, String itemId, String kind) {
            if (!hasPrefix || changeId != prefixChangeId || stashId != prefixStashId) {
                int n = append(0, changeId);
                n = put(n, (byte) '|');
                n = append(n, stashId);
                prefixLength = put(n, (byte) '|');
                prefixChangeId = changeId;
                prefixStashId = stashId;
                hasPrefix = true;
            }
            int n = append(prefixLength, itemId);
            n = put(n, (byte) '|');
            return digest(append(n, kind));
        }

        String hash16(String... parts) {
            hasPrefix = false;
            int n = 0;
            for (int p = 0; p < parts.length; p++) {
                if (p > 0) {
                    n = put(n, (byte) '|');
                }
                n = append(n, parts[p]);
            }
            return digest(n);
        }

        /** Appends the UTF-8 bytes of {@code String.valueOf(part)} at {@code n}; returns the new end. */
        private int append(int n, String part) {
            String s = String.valueOf(part);
            int len = s.length();
            if (n + len > buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, n + len));
            }
            byte[] b = buf;
            for (int i = 0; i < len; i++) {
                char c = s.charAt(i);
                if (c >= 0x80) {
                    // not ASCII: encode the rest of this part properly
                    byte[] utf8 = s.substring(i).getBytes(StandardCharsets.UTF_8);
                    for (byte x : utf8) {
                        n = put(n, x);
                    }
                    return n;
                }
                b[n++] = (byte) c;
            }
            return n;
        }

        private String digest(int n) {
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
