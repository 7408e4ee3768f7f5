package io.stashwatch.sink;

import io.stashwatch.db.DatabaseCheck;
import io.stashwatch.db.DatabaseException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes {@code listing_events} and {@code price_stats} rows older than the retention age in river
 * time, together with the {@code listing_marks} of that age. "Now" is the newest river time in each
 * table, so pruning is the same in a live run, a catch-up and a replay. {@code listings},
 * {@code ingest_pages} and {@code alerts} are never pruned. Deletes run in small chunks so writers
 * are never blocked for long.
 */
public final class RetentionPruner implements BackgroundService {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionPruner.class);
    private static final int CHUNK = 10_000;

    private final SinkOptions options;
    private final Thread thread;
    private volatile boolean running = true;

    private RetentionPruner(SinkOptions options) {
        this.options = options;
        this.thread = new Thread(this::run, "stashwatch-retention");
        this.thread.setDaemon(true);
    }

    /** Starts pruning now and then every {@code options.retentionInterval()}. */
    public static RetentionPruner start(SinkOptions options) {
        RetentionPruner p = new RetentionPruner(options);
        p.thread.start();
        return p;
    }

    static BackgroundService.Factory factory(SinkOptions options) {
        return () -> start(options);
    }

    /** Rows removed by one pass. */
    public static final class Result {
        public final long events;
        public final long stats;
        public final long marks;

        Result(long events, long stats, long marks) {
            this.events = events;
            this.stats = stats;
            this.marks = marks;
        }

        @Override
        public String toString() {
            return events + " listing_events, " + stats + " price_stats, " + marks + " listing_marks";
        }
    }

    /** One pruning pass on {@code c} (auto-commit: each chunk is its own transaction). */
    public static Result pruneOnce(Connection c, Duration maxAge) throws SQLException {
        Instant eventsCutoff = cutoff(c, "listing_events", "observed_at", maxAge);
        Instant statsCutoff = cutoff(c, "price_stats", "window_end", maxAge);
        long events = eventsCutoff == null ? 0 : deleteOlder(c, "listing_events", "observed_at", eventsCutoff);
        long marks = eventsCutoff == null ? 0 : deleteOlder(c, "listing_marks", "river_time", eventsCutoff);
        long stats = statsCutoff == null ? 0 : deleteOlder(c, "price_stats", "window_end", statsCutoff);
        return new Result(events, stats, marks);
    }

    private static Instant cutoff(Connection c, String table, String column, Duration maxAge) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT max(" + column + ") FROM " + table);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            Timestamp newest = rs.getTimestamp(1);
            return newest == null ? null : newest.toInstant().minus(maxAge);
        }
    }

    private static long deleteOlder(Connection c, String table, String column, Instant cutoff) throws SQLException {
        String sql = "DELETE FROM " + table + " WHERE ctid = ANY(ARRAY(SELECT ctid FROM " + table + " WHERE "
                + column + " < ? LIMIT " + CHUNK + "))";
        long total = 0;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, Bind.utc(cutoff.toEpochMilli()), java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
            int n;
            do {
                n = ps.executeUpdate();
                total += n;
            } while (n == CHUNK);
        }
        return total;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (running) {
            try (Connection c = DatabaseCheck.connect(options.jdbcUrl(), options.user(), options.password())) {
                Result r = pruneOnce(c, options.retentionMaxAge());
                if (r.events + r.stats + r.marks > 0) {
                    LOG.info("Retention ({} of river time) pruned {}", options.retentionMaxAge(), r);
                }
            } catch (SQLException e) {
                LOG.warn("Retention pass skipped: {}", DatabaseCheck.describe(e, options.jdbcUrl(), options.user()));
            } catch (DatabaseException e) {
                LOG.warn("Retention pass skipped: {}", e.getMessage());
            }
            try {
                TimeUnit.MILLISECONDS.sleep(options.retentionInterval().toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
