package io.stashwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.stashwatch.model.EventKind;
import io.stashwatch.model.ListingEvent;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyntheticRiverTest {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    @Test
    void theSameSeedGivesTheSameRecords() throws Exception {
        SyntheticRiver a = new SyntheticRiver(new SyntheticRiver.Spec().seed(3));
        SyntheticRiver b = new SyntheticRiver(new SyntheticRiver.Spec().seed(3));
        for (int i = 0; i < 100; i++) {
            SyntheticPage pa = a.next();
            SyntheticPage pb = b.next();
            assertThat(json(pa)).isEqualTo(json(pb));
        }
    }

    private static String json(SyntheticPage p) throws Exception {
        return JSON.writeValueAsString(java.util.List.of(p.page, p.events, p.stats, p.alerts));
    }

    @Test
    void replayingTheEventsGivesTheTrueListingsAndIdsAreUnique() {
        SyntheticRiver river = new SyntheticRiver(new SyntheticRiver.Spec().seed(5));
        Map<String, String> where = new HashMap<>();
        Set<String> ids = new HashSet<>();
        int moves = 0;
        int stale = 0;
        for (int i = 0; i < 300; i++) {
            SyntheticPage p = river.next();
            Map<String, Integer> perItem = new HashMap<>();
            for (ListingEvent e : p.events) {
                assertThat(ids.add(e.eventId)).as("unique event id").isTrue();
                assertThat(e.seq).isEqualTo(p.page.seq);
                perItem.merge(e.itemId, 1, Integer::sum);
                if (e.kind == EventKind.DELISTED) {
                    if (e.stashId.equals(where.get(e.itemId))) {
                        where.remove(e.itemId);
                    } else {
                        stale++;
                    }
                } else {
                    where.put(e.itemId, e.stashId);
                }
            }
            moves += (int) perItem.values().stream().filter(n -> n == 2).count();
        }
        assertThat(moves).as("moves within a page").isGreaterThan(20);
        assertThat(stale).as("stale delistings").isGreaterThan(5);
        Map<String, String> truth = new HashMap<>();
        river.listings().forEach((k, v) -> truth.put(k, v.stashId));
        assertThat(where).isEqualTo(truth);
    }
}
