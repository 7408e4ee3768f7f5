package io.stashwatch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stashwatch.db.DatabaseCheck;
import io.stashwatch.db.EmbeddedDatabase;
import io.stashwatch.db.Migrations;
import io.stashwatch.model.Alert;
import io.stashwatch.model.ListingEvent;
import io.stashwatch.model.PageRow;
import io.stashwatch.model.PriceStat;
import io.stashwatch.sink.AlertStatement;
import io.stashwatch.sink.ListingEventStatement;
import io.stashwatch.sink.PageRowStatement;
import io.stashwatch.sink.PostgresSinks;
import io.stashwatch.sink.PriceStatStatement;
import io.stashwatch.sink.SinkOptions;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.postgresql.copy.CopyManager;

/**
 * Figures of the sinks on this machine (output pasted into docs/benchmarks-sink.md):
 *
 * <ol>
 *   <li>Throughput: the same synthetic rows (ingest_pages, listing_events with their listings
 *       upkeep, price_stats, alerts) once through the Flink job's sinks and once through plain
 *       {@code COPY} into the same tables, each into a fresh database.
 *   <li>Alert latency: a live run (pages emitted in real time, checkpoints every 10 s) with a
 *       connection LISTENing on {@code stashwatch_alerts}; latency = NOTIFY received minus the
 *       page's {@code fetched_at}. NOTIFY is delivered after the commit, so it also bounds the time
 *       until the row is visible.
 * </ol>
 *
 * <p>Usage: {@code SinkBenchmark [--pages N] [--actions N] [--latency-seconds S] [--parallelism P]
 * [--jdbc-url URL --jdbc-user U --jdbc-password P]}; without a URL an embedded PostgreSQL in a
 * temporary directory is used. Each phase creates its own tables (embedded: its own database).
 */
public final class SinkBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();

    private int pages = 4000;
    private int actions = 50;
    private int latencySeconds = 60;
    private int parallelism = 2;
    private String url;
    private String user = EmbeddedDatabase.USER;
    private String password;
    private EmbeddedDatabase embedded;

    public static void main(String[] args) throws Exception {
        SinkBenchmark b = new SinkBenchmark();
        for (int i = 0; i < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--pages": b.pages = Integer.parseInt(v); break;
                case "--actions": b.actions = Integer.parseInt(v); break;
                case "--latency-seconds": b.latencySeconds = Integer.parseInt(v); break;
                case "--parallelism": b.parallelism = Integer.parseInt(v); break;
                case "--jdbc-url": b.url = v; break;
                case "--jdbc-user": b.user = v; break;
                case "--jdbc-password": b.password = v; break;
                default: throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        b.run();
        System.exit(0);
    }

    private void run() throws Exception {
        Path tmp = null;
        if (url == null) {
            tmp = Files.createTempDirectory("stashwatch-bench-");
            embedded = EmbeddedDatabase.start(tmp.resolve("pg"), 0);
        }
        try {
            System.out.println("## Sink benchmark " + Instant.now());
            System.out.println();
            System.out.println("- machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                    + System.getProperty("java.version") + ", " + serverVersion());
            System.out.println("- records: " + pages + " pages, " + actions + " listing actions per page, parallelism "
                    + parallelism + ", checkpoints every 10 s");
            System.out.println();
            throughput();
            latency();
        } finally {
            if (embedded != null) {
                embedded.close();
                deleteTree(tmp);
            }
        }
    }

    // ------------------------------------------------------------------ throughput

    private void throughput() throws Exception {
        SyntheticRiver.Spec spec = new SyntheticRiver.Spec().seed(99).actionsPerPage(actions);

        long g0 = System.nanoTime();
        Csv csv = csv(spec);
        double genSeconds = (System.nanoTime() - g0) / 1e9;
        long rows = csv.rows;

        String copyDb = database("bench_copy");
        double copySeconds = copy(copyDb, csv, false);
        String copyNoTrigDb = database("bench_copy_plain");
        double copyPlainSeconds = copy(copyNoTrigDb, csv, true);

        String sinkDb = database("bench_sink");
        StreamExecutionEnvironment env = env();
        SinkOptions options = SinkOptions.builder(sinkDb).credentials(user, password).retention(null).build();
        SyntheticJob.wire(env, spec, pages, Duration.ZERO, false, new PostgresSinks(options));
        long s0 = System.nanoTime();
        JobExecutionResult result = env.execute("sink throughput");
        double sinkWall = (System.nanoTime() - s0) / 1e9;
        double sinkSeconds = result.getNetRuntime(TimeUnit.MILLISECONDS) / 1e3;

        check(copyDb, sinkDb);

        System.out.println("### Throughput (" + rows + " rows: " + pages + " ingest_pages, " + csv.events
                + " listing_events, " + csv.stats + " price_stats, " + csv.alerts + " alerts)");
        System.out.println();
        System.out.println("| path | seconds | rows/s | vs COPY same tables | vs COPY triggers off |");
        System.out.println("|---|---:|---:|---:|---:|");
        result("COPY, same tables (listings upkeep trigger, NOTIFY)", copySeconds, rows, copySeconds, copyPlainSeconds);
        result("COPY, triggers off (no listings upkeep, no NOTIFY)", copyPlainSeconds, rows, copySeconds,
                copyPlainSeconds);
        result("Flink job -> PostgresSinks (job net runtime)", sinkSeconds, rows, copySeconds, copyPlainSeconds);
        result("Flink job -> PostgresSinks (incl. job start)", sinkWall, rows, copySeconds, copyPlainSeconds);
        System.out.println();
        System.out.printf(Locale.ROOT, "Generating the records alone takes %.2f s (inside the job's source; not in"
                + " the COPY times, whose CSV is built beforehand).%n%n", genSeconds);
    }

    private static void result(String path, double seconds, long rows, double copy, double copyPlain) {
        System.out.printf(Locale.ROOT, "| %s | %.2f | %,.0f | %.2f | %.2f |%n", path, seconds, rows / seconds,
                copy / seconds, copyPlain / seconds);
    }

    /** The rows as CSV per table, and their counts. */
    private static final class Csv {
        final StringBuilder pagesCsv = new StringBuilder();
        final StringBuilder eventsCsv = new StringBuilder();
        final StringBuilder statsCsv = new StringBuilder();
        final StringBuilder alertsCsv = new StringBuilder();
        long rows;
        long events;
        long stats;
        long alerts;
    }

    private Csv csv(SyntheticRiver.Spec spec) {
        SyntheticRiver river = new SyntheticRiver(spec);
        Csv c = new Csv();
        for (int i = 0; i < pages; i++) {
            SyntheticPage p = river.next();
            PageRow r = p.page;
            line(c.pagesCsv, r.changeId, r.nextChangeId, r.realm, r.seq, r.stashCount, r.itemCount, r.bytes,
                    ts(r.riverTime), ts(r.fetchedAt));
            for (ListingEvent e : p.events) {
                line(c.eventsCsv, e.eventId, e.kind.dbName(), e.itemId, e.stashId, e.realm, e.league, e.accountName,
                        e.itemKey, e.name, e.baseType, e.frameType, e.stackSize, e.note, num(e.priceAmount),
                        e.priceCurrency, num(e.priceChaos), num(e.prevPriceAmount), e.prevPriceCurrency,
                        num(e.prevPriceChaos), e.changeId, e.seq, ts(e.riverTime), ts(e.fetchedAt));
            }
            for (PriceStat s : p.stats) {
                line(c.statsCsv, s.league, s.itemKey, ts(s.windowEnd), s.realm, s.listings, s.accounts,
                        num(s.medianChaos), num(s.p10Chaos), num(s.p90Chaos), num(s.referenceChaos));
            }
            for (Alert a : p.alerts) {
                line(c.alertsCsv, a.alertId, a.kind.dbName(), a.realm, a.league, a.itemKey, a.itemId, a.stashId,
                        a.accountName, a.name, a.note, num(a.priceAmount), a.priceCurrency, num(a.priceChaos),
                        num(a.referenceChaos), a.samples, a.changeId, a.seq, ts(a.riverTime), ts(a.fetchedAt));
            }
            c.events += p.events.size();
            c.stats += p.stats.size();
            c.alerts += p.alerts.size();
        }
        c.rows = pages + c.events + c.stats + c.alerts;
        return c;
    }

    private double copy(String db, Csv c, boolean triggersOff) throws SQLException, IOException {
        try (Connection conn = DatabaseCheck.connect(db, user, password)) {
            if (triggersOff) {
                try (Statement s = conn.createStatement()) {
                    s.execute("SET session_replication_role = replica");
                }
            }
            CopyManager copy = conn.unwrap(PGConnection.class).getCopyAPI();
            long t0 = System.nanoTime();
            copy.copyIn("COPY ingest_pages (" + PageRowStatement.COLUMNS + ") FROM STDIN (FORMAT csv)",
                    new StringReader(c.pagesCsv.toString()));
            copy.copyIn("COPY listing_events (" + ListingEventStatement.COLUMNS + ") FROM STDIN (FORMAT csv)",
                    new StringReader(c.eventsCsv.toString()));
            copy.copyIn("COPY price_stats (" + PriceStatStatement.COLUMNS + ") FROM STDIN (FORMAT csv)",
                    new StringReader(c.statsCsv.toString()));
            copy.copyIn("COPY alerts (" + AlertStatement.COLUMNS + ") FROM STDIN (FORMAT csv)",
                    new StringReader(c.alertsCsv.toString()));
            return (System.nanoTime() - t0) / 1e9;
        }
    }

    private void check(String copyDb, String sinkDb) throws SQLException {
        for (String table : List.of("ingest_pages", "listing_events", "listings", "price_stats", "alerts")) {
            long a = count(copyDb, table);
            long b = count(sinkDb, table);
            if (a != b) {
                throw new IllegalStateException(table + ": COPY wrote " + a + " rows, the sinks " + b);
            }
        }
    }

    // ------------------------------------------------------------------ latency

    private void latency() throws Exception {
        String db = database("bench_latency");
        int pagesLive = latencySeconds * 5;
        SyntheticRiver.Spec spec = new SyntheticRiver.Spec().seed(7).actionsPerPage(actions).cheapPercent(10);
        List<long[]> received = Collections.synchronizedList(new ArrayList<>());
        try (Connection listen = DatabaseCheck.connect(db, user, password)) {
            try (Statement s = listen.createStatement()) {
                s.execute("LISTEN stashwatch_alerts");
            }
            Thread listener = new Thread(() -> {
                try {
                    PGConnection pg = listen.unwrap(PGConnection.class);
                    while (!Thread.currentThread().isInterrupted()) {
                        PGNotification[] ns = pg.getNotifications(20);
                        long now = System.currentTimeMillis();
                        if (ns != null) {
                            for (PGNotification n : ns) {
                                JsonNode j = JSON.readTree(n.getParameter());
                                long fetched = Instant.parse(j.get("fetched_at").asText()).toEpochMilli();
                                received.add(new long[] {fetched, now});
                            }
                        }
                    }
                } catch (SQLException | IOException e) {
                    if (!Thread.currentThread().isInterrupted()) {
                        e.printStackTrace();
                    }
                }
            });
            listener.start();

            StreamExecutionEnvironment env = env();
            SinkOptions options = SinkOptions.builder(db).credentials(user, password).build();
            SyntheticJob.wire(env, spec, pagesLive, Duration.ofMillis(200), true, new PostgresSinks(options));
            env.execute("alert latency");
            Thread.sleep(1000);
            listener.interrupt();
            listener.join(2000);
        }
        List<Long> notify = new ArrayList<>();
        synchronized (received) {
            for (long[] r : received) {
                notify.add(r[1] - r[0]);
            }
        }
        List<Long> insert = new ArrayList<>();
        try (Connection c = DatabaseCheck.connect(db, user, password); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT (extract(epoch FROM inserted_at - fetched_at) * 1000)::bigint"
                        + " FROM alerts")) {
            while (rs.next()) {
                insert.add(rs.getLong(1));
            }
        }
        long alerts = count(db, "alerts");
        System.out.println("### Alert latency (live: " + pagesLive + " pages at 5 pages/s, " + alerts
                + " alerts, checkpoints every 10 s)");
        System.out.println();
        System.out.println("| from fetched_at to | n | p50 ms | p90 ms | p99 ms | max ms |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        row("row inserted (alerts.inserted_at, before commit)", insert);
        row("NOTIFY received by a listening connection", notify);
        System.out.println();
    }

    private static void row(String what, List<Long> v) {
        Collections.sort(v);
        System.out.printf(Locale.ROOT, "| %s | %d | %d | %d | %d | %d |%n", what, v.size(), pct(v, 0.5), pct(v, 0.9),
                pct(v, 0.99), v.isEmpty() ? 0 : v.get(v.size() - 1));
    }

    private static long pct(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int i = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    // ------------------------------------------------------------------ helpers

    private StreamExecutionEnvironment env() {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
        env.enableCheckpointing(10_000);
        return env;
    }

    /** A fresh, migrated database (embedded) or the given one, emptied. */
    private String database(String name) throws SQLException {
        String db;
        if (embedded != null) {
            embedded.createDatabase(name);
            db = embedded.jdbcUrl(name);
        } else {
            db = url;
        }
        Migrations.apply(db, user, password);
        try (Connection c = DatabaseCheck.connect(db, user, password); Statement s = c.createStatement()) {
            s.execute("TRUNCATE ingest_pages, listing_events, listings, listing_marks, price_stats, alerts CASCADE");
        }
        return db;
    }

    private long count(String db, String table) throws SQLException {
        try (Connection c = DatabaseCheck.connect(db, user, password); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private String serverVersion() throws SQLException {
        String db = url != null ? url : embedded.jdbcUrl();
        try (Connection c = DatabaseCheck.connect(db, user, password); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW server_version")) {
            rs.next();
            return "PostgreSQL " + rs.getString(1) + (embedded != null ? " (embedded)" : "");
        }
    }

    private static String ts(long ms) {
        return Instant.ofEpochMilli(ms).toString();
    }

    private static Object num(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? null : v;
    }

    private static void line(StringBuilder sb, Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            Object v = values[i];
            if (v == null) {
                continue;
            }
            if (v instanceof String) {
                sb.append('"').append(((String) v).replace("\"", "\"\"")).append('"');
            } else {
                sb.append(v);
            }
        }
        sb.append('\n');
    }

    private static void deleteTree(Path root) throws IOException {
        if (root == null) {
            return;
        }
        try (var s = Files.walk(root)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
