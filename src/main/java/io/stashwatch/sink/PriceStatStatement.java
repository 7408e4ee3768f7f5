package io.stashwatch.sink;

import io.stashwatch.model.PriceStat;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.apache.flink.connector.jdbc.datasource.statements.JdbcQueryStatement;

/** Upsert of one {@code price_stats} row on {@code (league, item_key, window_end)}; the newest values win. */
public final class PriceStatStatement implements JdbcQueryStatement<PriceStat> {
    private static final long serialVersionUID = 1L;

    public static final String COLUMNS = "league, item_key, window_end, realm, listings, accounts, median_chaos, p10_chaos,"
            + " p90_chaos, reference_chaos";
    static final String SQL = "INSERT INTO price_stats (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (league, item_key, window_end) DO UPDATE SET realm = EXCLUDED.realm,"
            + " listings = EXCLUDED.listings, accounts = EXCLUDED.accounts, median_chaos = EXCLUDED.median_chaos,"
            + " p10_chaos = EXCLUDED.p10_chaos, p90_chaos = EXCLUDED.p90_chaos,"
            + " reference_chaos = EXCLUDED.reference_chaos";

    @Override
    public String query() {
        return SQL;
    }

    @Override
    public void statement(PreparedStatement ps, PriceStat s) throws SQLException {
        ps.setString(1, s.league);
        ps.setString(2, s.itemKey);
        Bind.time(ps, 3, s.windowEnd);
        Bind.text(ps, 4, s.realm);
        ps.setInt(5, s.listings);
        ps.setInt(6, s.accounts);
        Bind.price(ps, 7, s.medianChaos);
        Bind.price(ps, 8, s.p10Chaos);
        Bind.price(ps, 9, s.p90Chaos);
        Bind.price(ps, 10, s.referenceChaos);
    }
}
