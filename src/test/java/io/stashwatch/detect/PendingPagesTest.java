package io.stashwatch.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.stashwatch.model.ListingEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.state.ListState;
import org.junit.jupiter.api.Test;

class PendingPagesTest {

    /** Flink's list state contract over a plain list (null when empty, as the heap backend gives). */
    private static final class ListBuffer implements ListState<ListingEvent> {
        List<ListingEvent> list = new ArrayList<>();

        @Override
        public Iterable<ListingEvent> get() {
            return list.isEmpty() ? null : list;
        }

        @Override
        public void add(ListingEvent value) {
            list.add(value);
        }

        @Override
        public void update(List<ListingEvent> values) {
            list = new ArrayList<>(values);
        }

        @Override
        public void addAll(List<ListingEvent> values) {
            list.addAll(values);
        }

        @Override
        public void clear() {
            list = new ArrayList<>();
        }
    }

    private static ListingEvent event(long riverTime, int n) {
        ListingEvent e = new ListingEvent();
        e.riverTime = riverTime;
        e.itemId = "item" + n;
        return e;
    }

    @Test
    void takesTheDuePagesOldestFirstEachInArrivalOrderAndKeepsTheRest() throws Exception {
        Random rnd = new Random(5);
        for (int round = 0; round < 500; round++) {
            ListBuffer pending = new ListBuffer();
            List<ListingEvent> all = new ArrayList<>();
            int pages = 1 + rnd.nextInt(4);
            int n = rnd.nextInt(30);
            for (int i = 0; i < n; i++) {
                ListingEvent e = event(1000 + rnd.nextInt(pages), i);
                all.add(e);
                pending.add(e);
            }
            long watermark = 1000 + rnd.nextInt(pages + 1) - 1;

            List<List<ListingEvent>> got = PendingPages.takeDue(pending, watermark);

            List<List<ListingEvent>> want = new ArrayList<>();
            for (long t = 1000; t <= watermark; t++) {
                List<ListingEvent> page = new ArrayList<>();
                for (ListingEvent e : all) {
                    if (e.riverTime == t) {
                        page.add(e);
                    }
                }
                if (!page.isEmpty()) {
                    want.add(page);
                }
            }
            assertThat(got).as("round " + round).isEqualTo(want);
            List<ListingEvent> rest = new ArrayList<>();
            for (ListingEvent e : all) {
                if (e.riverTime > watermark) {
                    rest.add(e);
                }
            }
            assertThat(pending.list).as("round " + round + " rest").isEqualTo(rest);
            for (List<ListingEvent> page : got) {
                // The detector sorts each page in place.
                page.sort((a, b) -> b.itemId.compareTo(a.itemId));
            }
        }
    }
}
