package io.stashwatch.market;

import static org.assertj.core.api.Assertions.assertThat;

import io.stashwatch.model.EventKind;
import io.stashwatch.model.ListingEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Events#PAGE_ORDER} against its definition as a chain of comparators, nulls included. */
class EventsTest {
    /** The definition: delistings first, then item, stash, kind and event id, nulls first. */
    private static final Comparator<ListingEvent> DEFINITION = Comparator
            .comparingInt((ListingEvent e) -> e.kind == EventKind.DELISTED ? 0 : 1)
            .thenComparing(e -> e.itemId, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(e -> e.stashId, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(e -> e.kind, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(e -> e.eventId, Comparator.nullsFirst(Comparator.naturalOrder()));

    @Test
    void pageOrderIsItsDefinition() {
        Random rnd = new Random(7);
        EventKind[] kinds = EventKind.values();
        List<ListingEvent> events = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            ListingEvent e = new ListingEvent();
            e.kind = rnd.nextInt(10) == 0 ? null : kinds[rnd.nextInt(kinds.length)];
            e.itemId = pick(rnd, "a", "b", "ab", "B", "é");
            e.stashId = pick(rnd, "s1", "s2", "s10");
            e.eventId = pick(rnd, "e1", "e2", "e3");
            events.add(e);
        }
        for (ListingEvent a : events) {
            for (ListingEvent b : events) {
                assertThat(Integer.signum(Events.PAGE_ORDER.compare(a, b)))
                        .as("%s vs %s", a, b).isEqualTo(Integer.signum(DEFINITION.compare(a, b)));
            }
        }
    }

    private static String pick(Random rnd, String... values) {
        int i = rnd.nextInt(values.length + 1);
        return i == values.length ? null : values[i];
    }
}
