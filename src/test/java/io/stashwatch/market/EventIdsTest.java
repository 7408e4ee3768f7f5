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
        assertThat(EventIds.eventId(null, null, null, EventKind.LISTED)).isEqualTo(reference("null|null|null|listed"));
    }

    /** Events of one snapshot share the change id and stash id; every id is still that of its own parts. */
    @Test
    void consecutiveIdsOfOneStashAndOfOthers() throws Exception {
        String change = "10-20-30";
        String stash = "s".repeat(64);
        String other = new String(stash); // equal, another instance
        String[][] calls = {{change, stash, "a"}, {change, stash, "b".repeat(300)}, {change, stash, "ä"},
            {change, other, "a"}, {"10-20-31", other, "a"}, {"10-20-31", "Zoë", "a"}, {"10-20-31", "Zoë", "bb"}};
        for (int round = 0; round < 2; round++) {
            for (String[] c : calls) {
                assertThat(EventIds.eventId(c[0], c[1], c[2], EventKind.LISTED))
                        .isEqualTo(reference(c[0] + "|" + c[1] + "|" + c[2] + "|listed"));
                assertThat(EventIds.hash16("x|" + c[2])).isEqualTo(reference("x|" + c[2]));
                assertThat(EventIds.eventId(c[0], c[1], c[2], EventKind.DELISTED))
                        .isEqualTo(reference(c[0] + "|" + c[1] + "|" + c[2] + "|delisted"));
            }
        }
    }
}
