package io.stashwatch.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.stashwatch.bench.SyntheticPage;
import io.stashwatch.bench.SyntheticRiver;
import io.stashwatch.model.EventKind;
import io.stashwatch.model.ListingEvent;
import io.stashwatch.testutil.Sql;
import io.stashwatch.testutil.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The listings table under replays and cross-stash moves, driven through the sink's own statement
 * in the sink's batching mode.
 */
class ListingsStateIT {
    private static final long T0 = 1_735_689_600_000L;

    @Test
    void aMoveWithinOnePageEndsInTheNewStashInEitherOrder() {
        for (boolean delistedFirst : new boolean[] {true, false}) {
            String url = TestPostgres.migratedDatabase("move");
            apply(url, List.of(ev(EventKind.LISTED, "i1", "A", 1, 10)));
            ListingEvent out = ev(EventKind.DELISTED, "i1", "A", 5, 10);
            ListingEvent in = ev(EventKind.LISTED, "i1", "B", 5, 10);
            apply(url, delistedFirst ? List.of(out, in) : List.of(in, out));
            assertThat(listings(url)).as("delisted first: " + delistedFirst).containsExactly(List.of("i1", "B", "5", "10"));
        }
    }

    @Test
    void aStaleStashNeverDeletesAnItemThatMovedAway() {
        ListingEvent a1 = ev(EventKind.LISTED, "i1", "A", 1, 10);
        ListingEvent b5 = ev(EventKind.LISTED, "i1", "B", 5, 12);
        ListingEvent aGone8 = ev(EventKind.DELISTED, "i1", "A", 8, 10);
        for (List<ListingEvent> order : List.of(List.of(a1, b5, aGone8), List.of(a1, aGone8, b5), List.of(b5, a1, aGone8))) {
            String url = TestPostgres.migratedDatabase("stale");
            for (ListingEvent e : order) {
                apply(url, List.of(e));
            }
            assertThat(listings(url)).containsExactly(List.of("i1", "B", "5", "12"));
        }
    }

    @Test
    void replaysNeverResurrectADelistedItem() {
        String url = TestPostgres.migratedDatabase("replay");
        List<ListingEvent> history = List.of(ev(EventKind.LISTED, "i1", "A", 1, 10), ev(EventKind.REPRICED, "i1", "A", 3, 8),
                ev(EventKind.DELISTED, "i1", "A", 6, 8));
        apply(url, history);
        assertThat(listings(url)).isEmpty();

        apply(url, history);
        apply(url, history.subList(0, 2));
        assertThat(listings(url)).isEmpty();
        assertThat(Sql.count(url, "listing_events")).isEqualTo(3);

        // even with the event rows gone (pruned), an old listing cannot come back: the guard is the page seq
        Sql.exec(url, "DELETE FROM listing_events");
        apply(url, history.subList(0, 2));
        assertThat(listings(url)).isEmpty();
    }

    @Test
    void anItemInTwoStashesFollowsItsNewestObservationInEveryOrder() {
        ListingEvent a3 = ev(EventKind.LISTED, "i1", "A", 3, 10);
        ListingEvent b5 = ev(EventKind.LISTED, "i1", "B", 5, 11);
        ListingEvent bGone6 = ev(EventKind.DELISTED, "i1", "B", 6, 11);
        for (List<ListingEvent> order : List.of(List.of(a3, b5, bGone6), List.of(b5, a3, bGone6), List.of(b5, bGone6, a3))) {
            String url = TestPostgres.migratedDatabase("twice");
            order.forEach(e -> apply(url, List.of(e)));
            assertThat(listings(url)).isEmpty();
        }
        for (List<ListingEvent> order : List.of(List.of(a3, b5), List.of(b5, a3))) {
            String url = TestPostgres.migratedDatabase("twice");
            order.forEach(e -> apply(url, List.of(e)));
            assertThat(listings(url)).containsExactly(List.of("i1", "B", "5", "11"));
        }
    }

    @Test
    void relistingAndRepricingKeepTheRightTimes() {
        String url = TestPostgres.migratedDatabase("times");
        ListingEvent noRate = ev(EventKind.REPRICED, "i2", "C", 4, 3);
        noRate.priceCurrency = "unknown";
        noRate.priceChaos = Double.NaN;
        apply(url, List.of(ev(EventKind.LISTED, "i1", "A", 1, 10), ev(EventKind.DELISTED, "i1", "A", 3, 10),
                ev(EventKind.LISTED, "i1", "A", 5, 9), ev(EventKind.REPRICED, "i1", "A", 7, 7),
                ev(EventKind.LISTED, "i2", "C", 2, 5), noRate));
        assertThat(Sql.rows(url, "SELECT item_id, extract(epoch FROM listed_at)::bigint, extract(epoch FROM updated_at)::bigint,"
                + " price_amount, price_chaos, seq FROM listings ORDER BY item_id"))
                .containsExactly(
                        List.of("i1", String.valueOf(T0 / 1000 + 5), String.valueOf(T0 / 1000 + 7), "7", "7", "7"),
                        List.of("i2", String.valueOf(T0 / 1000 + 2), String.valueOf(T0 / 1000 + 4), "3", "null", "4"));
    }

    /**
     * Events of a synthetic market applied in random interleavings (only the order of each item's
     * events within one stash is kept, as Flink's channels keep it), in random batch sizes, then
     * partly replayed: the table always equals the market's true state.
     */
    @Test
    void anyArrivalOrderGivesTheTrueListings() {
        for (long seed = 1; seed <= 3; seed++) {
            SyntheticRiver river = new SyntheticRiver(new SyntheticRiver.Spec().seed(seed));
            List<ListingEvent> all = new ArrayList<>();
            List<ListingEvent> tail = new ArrayList<>();
            for (int p = 0; p < 150; p++) {
                SyntheticPage page = river.next();
                all.addAll(page.events);
                if (p >= 110) {
                    tail.addAll(page.events);
                }
            }
            Random random = new Random(seed);
            Map<String, Deque<ListingEvent>> queues = new LinkedHashMap<>();
            for (ListingEvent e : all) {
                queues.computeIfAbsent(e.itemId + "/" + e.stashId, k -> new ArrayDeque<>()).add(e);
            }
            List<Deque<ListingEvent>> open = new ArrayList<>(queues.values());
            List<ListingEvent> shuffled = new ArrayList<>();
            while (!open.isEmpty()) {
                int i = random.nextInt(open.size());
                shuffled.add(open.get(i).poll());
                if (open.get(i).isEmpty()) {
                    open.remove(i);
                }
            }
            String url = TestPostgres.migratedDatabase("interleaved");
            for (int from = 0; from < shuffled.size(); ) {
                int to = Math.min(shuffled.size(), from + 1 + random.nextInt(200));
                apply(url, shuffled.subList(from, to));
                from = to;
            }
            List<List<String>> expected = new ArrayList<>();
            for (SyntheticRiver.Listing l : new TreeMap<>(river.listings()).values()) {
                expected.add(List.of(l.itemId, l.stashId, String.valueOf(l.seq), fmt(l.priceAmount)));
            }
            assertThat(listingsBySeq(url)).as("seed " + seed).isEqualTo(expected);

            apply(url, tail);
            assertThat(listingsBySeq(url)).as("seed " + seed + " after replay").isEqualTo(expected);
            assertThat(Sql.count(url, "listing_events")).isEqualTo(all.size());
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static List<List<String>> listings(String url) {
        return Sql.rows(url, "SELECT item_id, stash_id, seq, price_amount FROM listings ORDER BY item_id");
    }

    private static List<List<String>> listingsBySeq(String url) {
        return Sql.rows(url, "SELECT item_id, stash_id, seq, price_amount FROM listings ORDER BY item_id COLLATE \"C\"");
    }

    static ListingEvent ev(EventKind kind, String item, String stash, long seq, double price) {
        ListingEvent e = new ListingEvent();
        e.kind = kind;
        e.itemId = item;
        e.stashId = stash;
        e.realm = "pc";
        e.league = "Standard";
        e.accountName = "acc-" + stash;
        e.itemKey = "Divine Orb";
        e.name = "";
        e.baseType = "Divine Orb";
        e.frameType = 5;
        e.note = "~price " + price + " chaos";
        e.priceAmount = price;
        e.priceCurrency = "chaos";
        e.priceChaos = price;
        e.changeId = "c" + seq;
        e.seq = seq;
        e.riverTime = T0 + seq * 1000;
        e.fetchedAt = e.riverTime + 100;
        e.eventId = item + "|" + stash + "|" + seq + "|" + kind.dbName();
        return e;
    }

    /** One executeBatch of the sink's statement, with the sink's multi-row rewriting. */
    static void apply(String url, List<ListingEvent> events) {
        Properties p = new Properties();
        p.setProperty("reWriteBatchedInserts", "true");
        ListingEventStatement st = new ListingEventStatement();
        try (Connection c = Sql.connect(url, p); PreparedStatement ps = c.prepareStatement(st.query())) {
            for (ListingEvent e : events) {
                st.statement(ps, e);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
