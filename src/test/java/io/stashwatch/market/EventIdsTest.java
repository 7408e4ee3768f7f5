package io.stashwatch.market;

import static org.assertj.core.api.Assertions.assertThat;

import io.stashwatch.model.EventKind;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

class EventIdsTest {

    private static String reference(String text) throws Exception {
        byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            sb.append(String.format("%02x", d[i]));
        }
        return sb.toString();
    }

    @Test
    void hashOfTheJoinedParts() throws Exception {
        assertThat(EventIds.eventId("1-2-3-4-5", "stash", "item", EventKind.DELISTED))
                .isEqualTo(reference("1-2-3-4-5|stash|item|delisted"));
        assertThat(EventIds.hash16("underpriced|x|y")).isEqualTo(reference("underpriced|x|y"));
        // non-ASCII text is hashed as UTF-8
        assertThat(EventIds.eventId("c", "Maelström", "ïtem", EventKind.LISTED))
                .isEqualTo(reference("c|Maelström|ïtem|listed"));
        // longer than the initial buffer
        String longId = "x".repeat(1000);
        assertThat(EventIds.eventId(longId, longId, longId, EventKind.REPRICED))
                .isEqualTo(reference(longId + "|" + longId + "|" + longId + "|repriced"));
    }
}
