package io.stashwatch.sink;

import io.stashwatch.model.PageRow;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.apache.flink.connector.jdbc.datasource.statements.JdbcQueryStatement;

/** Upsert of one {@code ingest_pages} row on {@code change_id}; the first fetch time is kept. */
public final class PageRowStatement implements JdbcQueryStatement<PageRow> {
    private static final long serialVersionUID = 1L;

    public static final String COLUMNS = "change_id, next_change_id, realm, seq, stash_count, item_count, bytes,"
            + " river_time, fetched_at";
    static final String SQL = "INSERT INTO ingest_pages (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (change_id) DO UPDATE SET next_change_id = EXCLUDED.next_change_id,"
            + " realm = EXCLUDED.realm, seq = EXCLUDED.seq, stash_count = EXCLUDED.stash_count,"
            + " item_count = EXCLUDED.item_count, bytes = EXCLUDED.bytes, river_time = EXCLUDED.river_time";

    @Override
    public String query() {
        return SQL;
    }

    @Override
    public void statement(PreparedStatement ps, PageRow r) throws SQLException {
        ps.setString(1, r.changeId);
        ps.setString(2, r.nextChangeId);
        ps.setString(3, r.realm);
        ps.setLong(4, r.seq);
        ps.setInt(5, r.stashCount);
        ps.setInt(6, r.itemCount);
        ps.setLong(7, r.bytes);
        Bind.time(ps, 8, r.riverTime);
        Bind.time(ps, 9, r.fetchedAt);
    }
}
