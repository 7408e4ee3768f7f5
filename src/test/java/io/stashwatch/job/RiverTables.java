package io.stashwatch.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stashwatch.simulator.RiverFeed;
import io.stashwatch.testutil.Sql;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks of the tables a run wrote, derived from the contract (docs/architecture.md,
 * docs/sinks.md) and computed independently of the job's code: the page chain, event ids and
 * times, {@code listings} as the in-order replay of {@code listing_events}, alerts backed by events
 * and statistics, sane price statistics.
 */
final class RiverTables {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final long EPOCH_MS = Instant.parse(MarketRiver.EPOCH).toEpochMilli();
    static final long PAGE_MS = 1000;

    private RiverTables() {
    }

    /** {@code ingest_pages}: the river's pages 0..n-1, each once, in chain order, with their numbers. */
    static void assertPageChain(String url, RiverFeed feed, int pages) {
        assertPageChain(url, feed, 0, pages);
    }

    /**
     * {@code ingest_pages}: the river's pages {@code from..pages-1}, each once, in chain order, numbered
     * from 0 (seq and river time count from the job's first cursor).
     */
    static void assertPageChain(String url, RiverFeed feed, long from, int pages) {
        List<List<String>> rows = Sql.rows(url, "SELECT change_id, next_change_id, realm, seq, stash_count, item_count,"
                + " bytes, (extract(epoch FROM river_time) * 1000)::bigint FROM ingest_pages ORDER BY seq, change_id");
        assertThat(rows).as("ingest_pages rows from page %d", from).hasSize((int) (pages - from));
        for (int k = 0; k < rows.size(); k++) {
            List<String> r = rows.get(k);
            long index = from + k;
            assertThat(r.get(3)).as("seq of row %d", k).isEqualTo(String.valueOf(k));
            assertThat(r.get(0)).as("change id of row %d", k).isEqualTo(feed.changeId(index));
            assertThat(r.get(1)).as("next change id of row %d", k).isEqualTo(feed.changeId(index + 1));
            if (k + 1 < rows.size()) {
                assertThat(r.get(1)).as("row %d links to the next row", k).isEqualTo(rows.get(k + 1).get(0));
            }
            assertThat(r.get(2)).isEqualTo("pc");
            byte[] body = feed.pageJson(index);
            assertThat(r.get(4)).as("stash count of page %d", k).isEqualTo(String.valueOf(stashes(body).size()));
            assertThat(r.get(6)).as("bytes of page %d", k).isEqualTo(String.valueOf(body.length));
            assertThat(Long.parseLong(r.get(7))).as("river time of page %d", k).isEqualTo(EPOCH_MS + k * PAGE_MS);
        }
    }

    private static JsonNode stashes(byte[] body) {
        try {
            return JSON.readTree(body).get("stashes");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code listing_events}: deterministic ids, each event on a consumed page with that page's seq
     * and river time, and per item and stash the kinds follow listed, repriced*, delisted.
     */
    static void assertEvents(String url) {
        Map<String, List<String>> pages = new HashMap<>();
        for (List<String> p : Sql.rows(url, "SELECT change_id, seq, (extract(epoch FROM river_time) * 1000)::bigint"
                + " FROM ingest_pages")) {
            pages.put(p.get(0), p);
        }
        List<List<String>> events = Sql.rows(url, "SELECT event_id, kind, item_id, stash_id, change_id, seq,"
                + " (extract(epoch FROM observed_at) * 1000)::bigint, price_amount, price_currency, prev_price_amount,"
                + " prev_price_currency FROM listing_events ORDER BY seq, stash_id COLLATE \"C\", item_id COLLATE \"C\"");
        assertThat(events).as("listing events").isNotEmpty();
        Map<String, String> lastKind = new HashMap<>();
        for (List<String> e : events) {
            String kind = e.get(1);
            assertThat(e.get(0)).as("event id of %s", e).isEqualTo(hash16(e.get(4) + "|" + e.get(3) + "|" + e.get(2) + "|" + kind));
            List<String> page = pages.get(e.get(4));
            assertThat(page).as("the page of event %s was consumed", e).isNotNull();
            assertThat(e.get(5)).as("seq of event %s", e).isEqualTo(page.get(1));
            assertThat(e.get(6)).as("observed_at of event %s", e).isEqualTo(page.get(2));
            String itemInStash = e.get(2) + "@" + e.get(3);
            String before = lastKind.put(itemInStash, kind);
            if (kind.equals("listed")) {
                assertThat(before).as("listed again without a delisting: %s", e).isIn(null, "delisted");
            } else {
                assertThat(before).as("%s of an item not listed in that stash: %s", kind, e).isIn("listed", "repriced");
            }
            if (kind.equals("repriced")) {
                assertThat(e.get(7) + " " + e.get(8)).as("a repriced event changes the price: %s", e)
                        .isNotEqualTo(e.get(9) + " " + e.get(10));
            }
        }
    }

    /** The columns of a listings row, in table order; listed_at and updated_at as ms. */
    private static final String LISTING_COLUMNS = "item_id, realm, league, stash_id, account_name, item_key, name,"
            + " base_type, frame_type, stack_size, note, price_amount, price_currency, price_chaos";

    /**
     * {@code listings} equals the in-order replay of {@code listing_events} (by seq, then stash id)
     * under the rule of docs/sinks.md: an item's row is its newest observation (highest seq, ties
     * by stash id) from a listed or repriced event, unless that stash delisted it at the same or a
     * later seq; a delisting removes the row only when it comes from the row's stash; listed_at is
     * kept by a repricing in the same stash.
     */
    static void assertListingsReplayEvents(String url) {
        List<List<String>> events = Sql.rows(url, "SELECT kind, " + LISTING_COLUMNS
                + ", (extract(epoch FROM observed_at) * 1000)::bigint, seq, change_id FROM listing_events"
                + " ORDER BY seq, stash_id COLLATE \"C\", item_id COLLATE \"C\"");
        Map<String, ItemReplay> items = new TreeMap<>();
        for (List<String> e : events) {
            items.computeIfAbsent(e.get(1), k -> new ItemReplay()).apply(e);
        }
        List<List<String>> expected = new ArrayList<>();
        for (ItemReplay item : items.values()) {
            if (item.row != null) {
                expected.add(item.row);
            }
        }
        List<List<String>> actual = Sql.rows(url, "SELECT " + LISTING_COLUMNS
                + ", (extract(epoch FROM listed_at) * 1000)::bigint, (extract(epoch FROM updated_at) * 1000)::bigint,"
                + " seq, change_id FROM listings ORDER BY item_id COLLATE \"C\"");
        assertThat(actual).as("listings rows").isNotEmpty();
        assertThat(actual).as("listings = replay of listing_events").containsExactlyElementsOf(expected);
    }

    /** One item's replay state. Event columns: kind, listing columns, observed ms, seq, change id. */
    private static final class ItemReplay {
        List<String> row;
        long rowSeq = -1;
        String rowStash;
        long newestSeq = -1;
        String newestStash;
        final Map<String, Long> gone = new HashMap<>();

        void apply(List<String> e) {
            String kind = e.get(0);
            String stash = e.get(4);
            int n = e.size();
            String observed = e.get(n - 3);
            long seq = Long.parseLong(e.get(n - 2));
            if (kind.equals("delisted")) {
                if (row != null && rowStash.equals(stash) && rowSeq <= seq) {
                    row = null;
                }
                gone.merge(stash, seq, Math::max);
                return;
            }
            if (newestStash != null && (newestSeq > seq || newestSeq == seq && newestStash.compareTo(stash) >= 0)) {
                return;
            }
            newestSeq = seq;
            newestStash = stash;
            Long goneSeq = gone.get(stash);
            if (goneSeq != null && goneSeq >= seq) {
                row = null;
                return;
            }
            String listedAt = kind.equals("repriced") && row != null && rowStash.equals(stash) ? row.get(14) : observed;
            List<String> r = new ArrayList<>(e.subList(1, 15));
            r.add(listedAt);
            r.add(observed);
            r.add(e.get(n - 2));
            r.add(e.get(n - 1));
            row = r;
            rowSeq = seq;
            rowStash = stash;
        }
    }

    /**
     * Every alert is backed by what the job saw: an underpriced alert by the listed or repriced
     * event of that item on that page (same stash, price, time) and a price at or below the ratio
     * of its reference; a price shift by the price_stats row of its window. Ids are the documented
     * hashes and every alert's page was consumed.
     */
    static void assertAlertsBacked(String url, double underpricedRatio, int minSamples) {
        List<List<String>> alerts = Sql.rows(url, "SELECT a.alert_id, a.kind, a.realm, a.league, a.item_key, a.item_id,"
                + " a.stash_id, a.account_name, a.price_chaos, a.reference_chaos, a.samples, a.change_id, a.seq,"
                + " (extract(epoch FROM a.created_at) * 1000)::bigint, p.seq"
                + " FROM alerts a LEFT JOIN ingest_pages p ON p.change_id = a.change_id ORDER BY a.alert_id");
        for (List<String> a : alerts) {
            assertThat(a.get(14)).as("the page of alert %s was consumed, with its seq", a).isEqualTo(a.get(12));
            if (a.get(1).equals("underpriced")) {
                assertThat(a.get(0)).isEqualTo(hash16("underpriced|" + a.get(5) + "|" + a.get(11)));
                List<List<String>> backing = Sql.rows(url, "SELECT count(*) FROM listing_events WHERE kind IN ('listed',"
                        + " 'repriced') AND item_id = '" + a.get(5) + "' AND stash_id = '" + a.get(6) + "' AND change_id = '"
                        + a.get(11) + "' AND seq = " + a.get(12) + " AND league = '" + a.get(3).replace("'", "''")
                        + "' AND item_key = '" + a.get(4).replace("'", "''") + "' AND account_name = '"
                        + a.get(7).replace("'", "''") + "' AND price_chaos = " + a.get(8)
                        + " AND (extract(epoch FROM observed_at) * 1000)::bigint = " + a.get(13));
                assertThat(backing.get(0).get(0)).as("the event behind alert %s", a).isEqualTo("1");
                assertThat(Double.parseDouble(a.get(8))).as("price of %s", a)
                        .isLessThanOrEqualTo(underpricedRatio * Double.parseDouble(a.get(9)) + 1e-9);
                assertThat(Integer.parseInt(a.get(10))).as("samples of %s", a).isGreaterThanOrEqualTo(minSamples);
            } else {
                assertThat(a.get(1)).isEqualTo("price_shift");
                assertThat(a.get(0)).isEqualTo(hash16("price_shift|" + a.get(2) + "|" + a.get(3) + "|" + a.get(4) + "|"
                        + a.get(13)));
                List<List<String>> stat = Sql.rows(url, "SELECT reference_chaos FROM price_stats WHERE league = '"
                        + a.get(3).replace("'", "''") + "' AND item_key = '" + a.get(4).replace("'", "''")
                        + "' AND (extract(epoch FROM window_end) * 1000)::bigint = " + a.get(13));
                assertThat(stat).as("the window behind alert %s", a).hasSize(1);
                assertThat(stat.get(0).get(0)).as("new reference of %s", a).isEqualTo(a.get(8));
            }
        }
    }

    /**
     * price_stats: windows aligned to the slide within the river's time span, counts and
     * percentiles that make sense, and only keys that had listing events in that league.
     */
    static void assertPriceStatsSane(String url, long slideMillis, long windowMillis, int pages) {
        Set<String> keys = new HashSet<>();
        for (List<String> k : Sql.rows(url, "SELECT DISTINCT league, item_key FROM listing_events")) {
            keys.add(k.get(0) + "|" + k.get(1));
        }
        List<List<String>> stats = Sql.rows(url, "SELECT league, item_key, (extract(epoch FROM window_end) * 1000)::bigint,"
                + " listings, accounts, median_chaos, p10_chaos, p90_chaos, reference_chaos FROM price_stats");
        assertThat(stats).as("price_stats rows").isNotEmpty();
        long last = EPOCH_MS + (pages - 1) * PAGE_MS;
        for (List<String> s : stats) {
            assertThat(keys).as("key of %s had listing events", s).contains(s.get(0) + "|" + s.get(1));
            long end = Long.parseLong(s.get(2));
            assertThat(Math.floorMod(end - EPOCH_MS, slideMillis)).as("window end of %s on the slide", s).isZero();
            assertThat(end).as("window end of %s", s).isGreaterThan(EPOCH_MS).isLessThanOrEqualTo(last + windowMillis + slideMillis);
            int listings = Integer.parseInt(s.get(3));
            int accounts = Integer.parseInt(s.get(4));
            assertThat(listings).as("listings of %s", s).isPositive();
            assertThat(accounts).as("accounts of %s", s).isBetween(1, listings);
            if (!s.get(5).equals("null")) {
                double median = Double.parseDouble(s.get(5));
                double p10 = Double.parseDouble(s.get(6));
                double p90 = Double.parseDouble(s.get(7));
                assertThat(p10).as("p10 of %s", s).isPositive().isLessThanOrEqualTo(median);
                assertThat(p90).as("p90 of %s", s).isGreaterThanOrEqualTo(median);
            }
            if (!s.get(8).equals("null")) {
                assertThat(Double.parseDouble(s.get(8))).as("reference of %s", s).isPositive();
            }
        }
    }

    /** First 16 bytes of SHA-256 of the UTF-8 text, hex (the documented id format). */
    static String hash16(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
