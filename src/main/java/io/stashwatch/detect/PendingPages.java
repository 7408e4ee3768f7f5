package io.stashwatch.detect;

import io.stashwatch.model.ListingEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.state.ListState;

/**
 * Events buffered in keyed list state until the watermark passes their page (docs/architecture.md,
 * Time model): takes out the complete pages, grouped by river time in page order.
 */
final class PendingPages {
    private PendingPages() {
    }

    /**
     * Removes the events with river time ≤ {@code watermark} from {@code pending} and returns them
     * one list per page, oldest first, each in buffered (arrival) order.
     */
    static List<List<ListingEvent>> takeDue(ListState<ListingEvent> pending, long watermark) throws Exception {
        List<ListingEvent> due = new ArrayList<>();
        List<ListingEvent> rest = new ArrayList<>();
        Iterable<ListingEvent> buffered = pending.get();
        // Usually every due event is of one page (a timer per page): then that is the one list.
        boolean onePage = true;
        if (buffered != null) {
            for (ListingEvent e : buffered) {
                if (e.riverTime <= watermark) {
                    if (!due.isEmpty() && e.riverTime != due.get(0).riverTime) {
                        onePage = false;
                    }
                    due.add(e);
                } else {
                    rest.add(e);
                }
            }
        }
        if (due.isEmpty()) {
            return List.of();
        }
        if (rest.isEmpty()) {
            pending.clear();
        } else {
            pending.update(rest);
        }
        if (onePage) {
            return List.of(due);
        }
        due.sort(Comparator.comparingLong(e -> e.riverTime));
        List<List<ListingEvent>> pages = new ArrayList<>();
        int i = 0;
        while (i < due.size()) {
            long t = due.get(i).riverTime;
            int j = i;
            while (j < due.size() && due.get(j).riverTime == t) {
                j++;
            }
            pages.add(new ArrayList<>(due.subList(i, j)));
            i = j;
        }
        return pages;
    }
}
