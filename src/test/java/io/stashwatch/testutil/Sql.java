package io.stashwatch.testutil;

import io.stashwatch.db.EmbeddedDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/** Small JDBC helpers for tests. */
public final class Sql {
    /** Wall-clock columns: the only ones allowed to differ between a run and its replay. */
    public static final Set<String> WALL_CLOCK = Set.of("fetched_at", "inserted_at");

    /** Tables the sinks write, with an ORDER BY that makes their dump stable. */
    public static final Map<String, String> TABLES = new LinkedHashMap<>();

    static {
        TABLES.put("ingest_pages", "change_id");
        TABLES.put("listing_events", "event_id");
        TABLES.put("listings", "item_id");
        TABLES.put("listing_marks", "item_id, stash_id");
        TABLES.put("price_stats", "league, item_key, window_end");
        TABLES.put("alerts", "alert_id");
    }

    private Sql() {
    }

    public static Connection connect(String url) throws SQLException {
        return connect(url, new Properties());
    }

    public static Connection connect(String url, Properties extra) throws SQLException {
        Properties p = new Properties();
        p.putAll(extra);
        p.setProperty("user", EmbeddedDatabase.USER);
        return DriverManager.getConnection(url, p);
    }

    public static long count(String url, String sqlOrTable) {
        String sql = sqlOrTable.contains(" ") ? sqlOrTable : "SELECT count(*) FROM " + sqlOrTable;
        List<List<String>> r = rows(url, sql);
        return Long.parseLong(r.get(0).get(0));
    }

    public static void exec(String url, String sql) {
        try (Connection c = connect(url); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rows as text, as PostgreSQL renders each value (null as "null"). */
    public static List<List<String>> rows(String url, String sql) {
        try (Connection c = connect(url); Statement s = c.createStatement()) {
            s.execute("SET TIME ZONE 'UTC'");
            try (ResultSet rs = s.executeQuery(sql)) {
                ResultSetMetaData md = rs.getMetaData();
                List<List<String>> out = new ArrayList<>();
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        String v = rs.getString(i);
                        row.add(v == null ? "null" : v);
                    }
                    out.add(row);
                }
                return out;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** Columns of a table without the wall-clock ones, in table order. */
    public static List<String> deterministicColumns(String url, String table) {
        List<String> cols = new ArrayList<>();
        for (List<String> r : rows(url, "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public'"
                + " AND table_name = '" + table + "' ORDER BY ordinal_position")) {
            if (!WALL_CLOCK.contains(r.get(0))) {
                cols.add(r.get(0));
            }
        }
        return cols;
    }

    /** Every table the sinks write, all rows, wall-clock columns excluded, in key order. */
    public static Map<String, List<List<String>>> dump(String url) {
        Map<String, List<List<String>>> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> t : TABLES.entrySet()) {
            String cols = String.join(", ", deterministicColumns(url, t.getKey()));
            out.put(t.getKey(), rows(url, "SELECT " + cols + " FROM " + t.getKey() + " ORDER BY " + t.getValue()));
        }
        return out;
    }
}
