package io.stashwatch.sink;

import io.stashwatch.model.ListingEvent;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.apache.flink.connector.jdbc.datasource.statements.JdbcQueryStatement;

/**
 * Insert of one {@code listing_events} row, ignored when its {@code event_id} exists (a replay).
 * The insert trigger applies each new event to {@code listings} in the same transaction, so every
 * event changes {@code listings} exactly once. Duplicate keys in one batch are harmless, which lets
 * the driver rewrite a batch into multi-row inserts.
 */
public final class ListingEventStatement implements JdbcQueryStatement<ListingEvent> {
    private static final long serialVersionUID = 1L;

    public static final String COLUMNS = "event_id, kind, item_id, stash_id, realm, league, account_name, item_key, name,"
            + " base_type, frame_type, stack_size, note, price_amount, price_currency, price_chaos, prev_price_amount,"
            + " prev_price_currency, prev_price_chaos, change_id, seq, observed_at, fetched_at";
    static final String SQL = "INSERT INTO listing_events (" + COLUMNS + ") VALUES"
            + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (event_id) DO NOTHING";

    @Override
    public String query() {
        return SQL;
    }

    @Override
    public void statement(PreparedStatement ps, ListingEvent e) throws SQLException {
        ps.setString(1, e.eventId);
        ps.setString(2, e.kind.dbName());
        ps.setString(3, e.itemId);
        ps.setString(4, e.stashId);
        ps.setString(5, e.realm);
        Bind.text(ps, 6, e.league);
        Bind.text(ps, 7, e.accountName);
        Bind.text(ps, 8, e.itemKey);
        Bind.text(ps, 9, e.name);
        Bind.text(ps, 10, e.baseType);
        ps.setInt(11, e.frameType);
        ps.setInt(12, e.stackSize);
        Bind.text(ps, 13, e.note);
        Bind.price(ps, 14, e.priceAmount);
        Bind.text(ps, 15, e.priceCurrency);
        Bind.price(ps, 16, e.priceChaos);
        Bind.price(ps, 17, e.prevPriceAmount);
        Bind.text(ps, 18, e.prevPriceCurrency);
        Bind.price(ps, 19, e.prevPriceChaos);
        ps.setString(20, e.changeId);
        ps.setLong(21, e.seq);
        Bind.time(ps, 22, e.riverTime);
        Bind.time(ps, 23, e.fetchedAt);
    }
}
