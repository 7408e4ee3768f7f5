package io.stashwatch.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.stashwatch.model.EventKind;
import io.stashwatch.model.ListingEvent;
import io.stashwatch.model.PriceStat;
import io.stashwatch.testutil.Sql;
import io.stashwatch.testutil.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetentionIT {
    private static final long DAY = 86_400_000L;

    @Test
    void prunesOnlyEventsAndStatsOlderThanTheAgeInRiverTime() throws Exception {
        String url = TestPostgres.migratedDatabase("retention");
        List<ListingEvent> events = new ArrayList<>();
        for (int day = 0; day <= 30; day++) {
            // one item listed per day (stays live), one listed and delisted the same day
            ListingEvent keep = ListingsStateIT.ev(EventKind.LISTED, "live" + day, "S", day * 86_400L, 10);
            ListingEvent gone = ListingsStateIT.ev(EventKind.LISTED, "sold" + day, "S", day * 86_400L, 10);
            ListingEvent sold = ListingsStateIT.ev(EventKind.DELISTED, "sold" + day, "S", day * 86_400L + 1, 10);
            events.add(keep);
            events.add(gone);
            events.add(sold);
        }
        ListingsStateIT.apply(url, events);
        try (Connection c = Sql.connect(url); PreparedStatement ps = c.prepareStatement(PriceStatStatement.SQL)) {
            PriceStatStatement st = new PriceStatStatement();
            for (int day = 0; day <= 30; day++) {
                PriceStat s = new PriceStat();
                s.league = "Standard";
                s.itemKey = "Divine Orb";
                s.windowEnd = events.get(0).riverTime + day * DAY;
                s.listings = 5;
                s.accounts = 4;
                s.medianChaos = 150;
                s.p10Chaos = 140;
                s.p90Chaos = 160;
                st.statement(ps, s);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        assertThat(Sql.count(url, "listing_events")).isEqualTo(93);
        assertThat(Sql.count(url, "listings")).isEqualTo(31);
        assertThat(Sql.count(url, "listing_marks")).isEqualTo(31);

        RetentionPruner.Result r;
        try (Connection c = Sql.connect(url)) {
            r = RetentionPruner.pruneOnce(c, Duration.ofDays(14));
        }
        // newest river time is day 30 (+1 s for the delistings); rows before day 16 (+1 s) go
        assertThat(r.events).isEqualTo(16 * 3 + 2);
        assertThat(r.stats).isEqualTo(16);
        assertThat(r.marks).isEqualTo(16);
        assertThat(Sql.rows(url, "SELECT count(*), min(observed_at) >= max(observed_at) - interval '14 days'"
                + " FROM listing_events")).containsExactly(List.of("43", "t"));
        assertThat(Sql.rows(url, "SELECT count(*), min(window_end) = max(window_end) - interval '14 days'"
                + " FROM price_stats")).containsExactly(List.of("15", "t"));
        assertThat(Sql.count(url, "listings")).as("listings are never pruned").isEqualTo(31);

        try (Connection c = Sql.connect(url)) {
            RetentionPruner.Result again = RetentionPruner.pruneOnce(c, Duration.ofDays(14));
            assertThat(again.events + again.stats + again.marks).isZero();
        }
    }
}
