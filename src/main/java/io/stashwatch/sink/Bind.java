package io.stashwatch.sink;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Parameter binding helpers shared by the statements: NaN becomes NULL, epoch ms become timestamptz. */
final class Bind {
    private Bind() {
    }

    static void text(PreparedStatement ps, int i, String v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.VARCHAR);
        } else {
            ps.setString(i, v);
        }
    }

    /** A price: NaN (no rate yet) and infinities are stored as NULL. */
    static void price(PreparedStatement ps, int i, double v) throws SQLException {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            ps.setNull(i, Types.DOUBLE);
        } else {
            ps.setDouble(i, v);
        }
    }

    static void time(PreparedStatement ps, int i, long epochMs) throws SQLException {
        ps.setObject(i, utc(epochMs), Types.TIMESTAMP_WITH_TIMEZONE);
    }

    static OffsetDateTime utc(long epochMs) {
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMs), ZoneOffset.UTC);
    }
}
