package io.stashwatch.sink;

import io.stashwatch.model.Alert;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.apache.flink.connector.jdbc.datasource.statements.JdbcQueryStatement;

/**
 * Insert of one {@code alerts} row, ignored when its {@code alert_id} exists. The insert trigger
 * sends {@code pg_notify('stashwatch_alerts', json)} and queues the webhook delivery only for new
 * rows, so a replayed alert is neither notified nor delivered twice.
 */
public final class AlertStatement implements JdbcQueryStatement<Alert> {
    private static final long serialVersionUID = 1L;

    public static final String COLUMNS = "alert_id, kind, realm, league, item_key, item_id, stash_id, account_name, name, note,"
            + " price_amount, price_currency, price_chaos, reference_chaos, samples, change_id, seq, created_at, fetched_at";
    static final String SQL = "INSERT INTO alerts (" + COLUMNS + ") VALUES"
            + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (alert_id) DO NOTHING";

    @Override
    public String query() {
        return SQL;
    }

    @Override
    public void statement(PreparedStatement ps, Alert a) throws SQLException {
        ps.setString(1, a.alertId);
        ps.setString(2, a.kind.dbName());
        Bind.text(ps, 3, a.realm);
        Bind.text(ps, 4, a.league);
        Bind.text(ps, 5, a.itemKey);
        Bind.text(ps, 6, a.itemId);
        Bind.text(ps, 7, a.stashId);
        Bind.text(ps, 8, a.accountName);
        Bind.text(ps, 9, a.name);
        Bind.text(ps, 10, a.note);
        Bind.price(ps, 11, a.priceAmount);
        Bind.text(ps, 12, a.priceCurrency);
        Bind.price(ps, 13, a.priceChaos);
        Bind.price(ps, 14, a.referenceChaos);
        ps.setInt(15, a.samples);
        Bind.text(ps, 16, a.changeId);
        ps.setLong(17, a.seq);
        Bind.time(ps, 18, a.riverTime);
        Bind.time(ps, 19, a.fetchedAt);
    }
}
