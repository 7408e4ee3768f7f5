package io.stashwatch.sink.arrow;

import static org.assertj.core.api.Assertions.assertThat;

import io.stashwatch.bench.SyntheticJob;
import io.stashwatch.bench.SyntheticRiver;
import io.stashwatch.db.EmbeddedDatabase;
import io.stashwatch.sink.PostgresSinks;
import io.stashwatch.sink.SinkOptions;
import io.stashwatch.testutil.ArrowRows;
import io.stashwatch.testutil.Flink;
import io.stashwatch.testutil.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Arrow files written by a real job, read back with Arrow Java and compared with PostgreSQL. */
class ArrowFilesIT {
    private static final long ROLL_MS = 30_000;

    @RegisterExtension
    static final MiniClusterExtension FLINK = Flink.miniCluster();

    @Test
    void filesHoldExactlyThePostgresRowsOnePerPeriod(@TempDir Path arrow) throws Exception {
        String url = TestPostgres.migratedDatabase("arrow");
        SinkOptions options = SinkOptions.builder(url).credentials(EmbeddedDatabase.USER, null).batch(500, 100)
                .arrow(arrow.toString(), Duration.ofMillis(ROLL_MS)).build();
        StreamExecutionEnvironment env = Flink.env(Duration.ofMillis(300), 2);
        SyntheticJob.wire(env, new SyntheticRiver.Spec().seed(21), 200, Duration.ofMillis(2), false,
                new PostgresSinks(options));
        env.execute("arrow");

        compare(arrow, "listing_events", "event_id", "observed_at", url);
        compare(arrow, "price_stats", "league, item_key, window_end", "window_end - interval '1 millisecond'", url);

        try (Stream<Path> all = Files.walk(arrow)) {
            List<String> leftovers = all.filter(Files::isRegularFile)
                    .map(p -> arrow.relativize(p).toString())
                    .filter(p -> p.startsWith(".pending") || p.contains(".tmp"))
                    .collect(Collectors.toList());
            assertThat(leftovers).as("no chunks or temporary files after the end").isEmpty();
        }
    }

    private static void compare(Path arrow, String table, String key, String timeExpr, String url) throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(arrow.resolve(table))) {
            files = s.sorted().collect(Collectors.toList());
        }
        List<List<Object>> fromFiles = new ArrayList<>();
        for (Path f : files) {
            List<List<Object>> rows = normalise(ArrowRows.read(f));
            long start = OffsetDateTime.parse(ArrowRows.metadata(f).get("stashwatch.period_start")).toInstant().toEpochMilli();
            assertThat(f.getFileName().toString()).startsWith(table + "-").endsWith(".arrow");
            fromFiles.addAll(rows);
            List<List<String>> periods = io.stashwatch.testutil.Sql.rows(url, "SELECT DISTINCT floor(extract(epoch FROM "
                    + timeExpr + ") * 1000 / " + ROLL_MS + ")::bigint * " + ROLL_MS + " FROM " + table);
            assertThat(periods.stream().map(r -> Long.parseLong(r.get(0))).collect(Collectors.toList())).contains(start);
        }
        List<String> columns = ArrowRows.columns(files.get(0));
        List<List<Object>> fromDb = postgres(url, "SELECT " + String.join(", ", columns) + " FROM " + table + " ORDER BY "
                + key);
        Comparator<List<Object>> byKey = Comparator.comparing(r -> r.toString());
        fromFiles.sort(byKey);
        fromDb.sort(byKey);
        assertThat(fromDb).isNotEmpty();
        assertThat(fromFiles).as(table).isEqualTo(fromDb);
        long periods = io.stashwatch.testutil.Sql.count(url, "SELECT count(DISTINCT floor(extract(epoch FROM " + timeExpr
                + ") * 1000 / " + ROLL_MS + ")) FROM " + table);
        assertThat(files).as(table + ": one file per period").hasSize((int) periods);
    }

    private static List<List<Object>> normalise(List<List<Object>> rows) {
        List<List<Object>> out = new ArrayList<>();
        for (List<Object> r : rows) {
            List<Object> n = new ArrayList<>();
            for (Object o : r) {
                n.add(o instanceof LocalDateTime ? ((LocalDateTime) o).toInstant(ZoneOffset.UTC).toEpochMilli() : o);
            }
            out.add(n);
        }
        return out;
    }

    private static List<List<Object>> postgres(String url, String sql) throws Exception {
        List<List<Object>> out = new ArrayList<>();
        try (Connection c = io.stashwatch.testutil.Sql.connect(url); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    Object o = rs.getObject(i);
                    if (o instanceof java.sql.Timestamp) {
                        o = ((java.sql.Timestamp) o).getTime();
                    }
                    row.add(o);
                }
                out.add(row);
            }
        }
        return out;
    }
}
