package io.stashwatch.market;

import io.stashwatch.model.EventKind;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Deterministic event ids: the first 16 bytes, as 32 lower-case hex characters, of SHA-256 over
 * {@code change_id|stash_id|item_id|kind} (kind as stored in the database: listed, delisted,
 * repriced). A replay of the same page yields the same ids.
 */
public final class EventIds {

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    });

    private EventIds() {
    }

    /** The id of the event of {@code kind} for this item in this stash, observed in page {@code changeId}. */
    public static String eventId(String changeId, String stashId, String itemId, EventKind kind) {
        return hash16(changeId + '|' + stashId + '|' + itemId + '|' + kind.dbName());
    }

    /** First 16 bytes of SHA-256 of the UTF-8 bytes of {@code text}, as 32 hex characters. */
    public static String hash16(String text) {
        MessageDigest md = SHA256.get();
        md.reset();
        byte[] digest = md.digest(text.getBytes(StandardCharsets.UTF_8));
        char[] out = new char[32];
        for (int i = 0; i < 16; i++) {
            out[2 * i] = HEX[(digest[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[digest[i] & 0xf];
        }
        return new String(out);
    }
}
