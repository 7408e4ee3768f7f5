package io.stashwatch.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stashwatch.testutil.Sql;
import io.stashwatch.testutil.TestPostgres;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseIT {

    /** The column contract notebooks and outside checks rely on. */
    private static final Map<String, List<String>> CONTRACT = Map.of(
            "ingest_pages", List.of("change_id", "next_change_id", "realm", "stash_count", "item_count", "bytes",
                    "fetched_at"),
            "listings", List.of("item_id", "league", "stash_id", "account_name", "item_key", "name", "base_type",
                    "frame_type", "note", "price_amount", "price_currency", "price_chaos", "listed_at", "updated_at"),
            "listing_events", List.of("event_id", "kind", "item_id", "stash_id", "league", "item_key", "price_chaos",
                    "prev_price_chaos", "change_id", "observed_at"),
            "price_stats", List.of("league", "item_key", "window_end", "listings", "median_chaos", "p10_chaos",
                    "p90_chaos"),
            "alerts", List.of("alert_id", "kind", "league", "item_key", "item_id", "stash_id", "account_name",
                    "price_chaos", "reference_chaos", "change_id", "created_at"));

    private static final Map<String, List<String>> PRIMARY_KEYS = Map.of(
            "ingest_pages", List.of("change_id"),
            "listings", List.of("item_id"),
            "listing_events", List.of("event_id"),
            "price_stats", List.of("league", "item_key", "window_end"),
            "alerts", List.of("alert_id"));

    @Test
    void migrationsAreIdempotentAndFollowTheContract() {
        String url = TestPostgres.freshDatabase("migrations");
        int first = Migrations.apply(url, EmbeddedDatabase.USER, null);
        int second = Migrations.apply(url, EmbeddedDatabase.USER, null);
        assertThat(first).isGreaterThan(0);
        assertThat(second).isZero();

        for (Map.Entry<String, List<String>> t : CONTRACT.entrySet()) {
            List<String> columns = Sql.rows(url, "SELECT column_name FROM information_schema.columns WHERE table_name = '"
                    + t.getKey() + "'").stream().map(r -> r.get(0)).collect(Collectors.toList());
            assertThat(columns).as(t.getKey()).containsAll(t.getValue());
            List<String> pk = Sql.rows(url, "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid"
                    + " AND a.attnum = ANY(i.indkey) WHERE i.indrelid = '" + t.getKey() + "'::regclass AND i.indisprimary"
                    + " ORDER BY array_position(i.indkey, a.attnum)").stream().map(r -> r.get(0)).collect(Collectors.toList());
            assertThat(pk).as(t.getKey() + " primary key").isEqualTo(PRIMARY_KEYS.get(t.getKey()));
        }
        List<String> timeTypes = Sql.rows(url, "SELECT DISTINCT data_type FROM information_schema.columns WHERE"
                + " table_schema = 'public' AND column_name IN ('fetched_at', 'observed_at', 'window_end', 'created_at',"
                + " 'listed_at', 'updated_at')").stream().map(r -> r.get(0)).collect(Collectors.toList());
        assertThat(timeTypes).containsExactly("timestamp with time zone");
    }

    @Test
    void embeddedDatabaseKeepsItsDataAndPortAcrossRestarts(@TempDir Path tmp) throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(tmp.resolve("pg"), 0)) {
            int port = db.port();
            assertThat(db.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:" + port + "/stashwatch");
            Sql.exec(db.jdbcUrl(), "CREATE TABLE kept (v int); INSERT INTO kept VALUES (42)");

            db.stop();
            assertThat(db.isRunning()).isFalse();
            assertThatThrownBy(() -> DatabaseCheck.check(db.jdbcUrl(), EmbeddedDatabase.USER, null))
                    .isInstanceOf(DatabaseException.class)
                    .hasMessage("Cannot reach PostgreSQL at localhost:" + port
                            + "/stashwatch (jdbc.url): connection refused; is the server running?");

            db.restart();
            assertThat(db.port()).isEqualTo(port);
            assertThat(Sql.rows(db.jdbcUrl(), "SELECT v FROM kept")).containsExactly(List.of("42"));
        }
        // a second process (here: a second start) on the same directory keeps its data too
        try (EmbeddedDatabase again = EmbeddedDatabase.start(tmp.resolve("pg"), 0)) {
            assertThat(Sql.rows(again.jdbcUrl(), "SELECT v FROM kept")).containsExactly(List.of("42"));
        }
    }

    @Test
    void aDirectoryInUseIsOneClearError(@TempDir Path tmp) {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(tmp.resolve("pg"), 0)) {
            assertThatThrownBy(() -> EmbeddedDatabase.start(tmp.resolve("pg"), 0))
                    .isInstanceOf(DatabaseException.class)
                    .hasMessageContaining("is in use by another process")
                    .hasMessageNotContaining("\n");
            assertThat(db.isRunning()).isTrue();
        }
    }

    @Test
    void aTakenPortIsOneClearError(@TempDir Path tmp) throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            assertThatThrownBy(() -> EmbeddedDatabase.start(tmp.resolve("pg"), taken.getLocalPort()))
                    .isInstanceOf(DatabaseException.class)
                    .hasMessage("Port " + taken.getLocalPort() + " for the embedded PostgreSQL is in use (db.port); "
                            + "choose another with --db.port or 0 for any free port");
        }
        assertThat(Files.exists(tmp.resolve("pg"))).isTrue();
    }

    @Test
    void unreachableOrWrongDatabaseGivesOneLineWithoutSecrets() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        assertThatThrownBy(() -> DatabaseCheck.check("jdbc:postgresql://localhost:" + closedPort + "/x?password=hunter2",
                "postgres", "hunter2"))
                .isInstanceOf(DatabaseException.class)
                .hasMessage("Cannot reach PostgreSQL at localhost:" + closedPort
                        + "/x (jdbc.url): connection refused; is the server running?");

        EmbeddedDatabase db = TestPostgres.shared();
        assertThatThrownBy(() -> DatabaseCheck.check(db.jdbcUrl("no_such_db"), EmbeddedDatabase.USER, null))
                .isInstanceOf(DatabaseException.class)
                .hasMessage("PostgreSQL at localhost:" + db.port() + "/no_such_db: the database does not exist"
                        + " (jdbc.url); create it first");
        assertThatThrownBy(() -> DatabaseCheck.check(db.jdbcUrl(), "nobody", "secret-pw"))
                .isInstanceOf(DatabaseException.class)
                .hasMessageStartingWith("PostgreSQL at localhost:" + db.port() + "/stashwatch rejected user 'nobody'"
                        + " (jdbc.user)")
                .hasMessageNotContaining("secret-pw")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> Migrations.apply("jdbc:mysql://localhost/x", "u", "p"))
                .isInstanceOf(DatabaseException.class)
                .hasMessageStartingWith("jdbc.url must be a PostgreSQL JDBC URL");
    }
}
