package io.stashwatch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stashwatch.config.Config;
import io.stashwatch.config.Options;
import io.stashwatch.db.DatabaseCheck;
import io.stashwatch.db.EmbeddedDatabase;
import io.stashwatch.db.Migrations;
import io.stashwatch.job.Environments;
import io.stashwatch.job.JobFactory;
import io.stashwatch.simulator.market.MarketFeed;
import io.stashwatch.simulator.market.MarketSettings;
import io.stashwatch.simulator.server.SimulatorServer;
import io.stashwatch.simulator.server.SimulatorSettings;
import io.stashwatch.sink.PostgresSinks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Alert latency in live mode: page fetched → alert row visible in PostgreSQL.
 *
 * <p>The production job ({@link JobFactory}, {@link PostgresSinks} into an embedded PostgreSQL,
 * {@link Environments#local} with checkpoints every 10 s) follows the simulator's river. The river
 * has a backlog (so references exist when the live part starts) and then grows by one page every
 * {@code --pace}, with more injected underpriced listings than the demo market so that a few minutes
 * give a few hundred alerts. A listener {@code LISTEN}s on {@code stashwatch_alerts}: the
 * notification is delivered when the inserting transaction commits, i.e. when the row becomes
 * visible. Latency of an alert = notification received − the alert's {@code fetched_at} (the moment
 * the client had the page), both on this machine's clock; {@code inserted_at − fetched_at} (the
 * database's clock at insert) is shown too. Only underpriced alerts of pages that became available
 * after the backlog (the job following the head) count; price shifts are emitted at window ends.
 *
 * <pre>
 * java -cp target/stashwatch.jar io.stashwatch.bench.AlertLatencyBenchmark \
 *     [--pace 500] [--backlog 150] [--live-pages 360] [--seed 42] [--underpriced 40] [--buffer-timeout 100ms|default]
 * </pre>
 * {@code --buffer-timeout} overrides the job's {@code execution.buffer-timeout.interval}
 * ({@link Environments#BUFFER_TIMEOUT}; Flink's own default is 100 ms).
 */
public final class AlertLatencyBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AlertLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Duration pace = Duration.ofMillis(500);
        int backlog = 150;
        int livePages = 360;
        long seed = 42;
        double underpriced = 40;
        String bufferTimeout = "default";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--pace" -> pace = Duration.ofMillis(Long.parseLong(args[++i].replace("ms", "").trim()));
                case "--backlog" -> backlog = Integer.parseInt(args[++i]);
                case "--live-pages" -> livePages = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--underpriced" -> underpriced = Double.parseDouble(args[++i]);
                case "--buffer-timeout" -> bufferTimeout = args[++i];
                default -> {
                    System.err.println("unknown argument " + args[i] + " (use --pace 500 --backlog 150 --live-pages 360 "
                            + "--seed 42 --underpriced 40 --buffer-timeout default|100ms)");
                    System.exit(2);
                }
            }
        }
        int pages = backlog + livePages;
        MarketFeed feed = new MarketFeed(MarketSettings.builder().seed(seed).pages(pages).stashesPerPage(60).accounts(900)
                .underpricedPer100Pages(underpriced).build());
        long t0 = System.nanoTime();
        feed.generateUpTo(pages + 1L);
        System.out.printf(Locale.ROOT, "Generated %d pages in %d ms%n", pages, (System.nanoTime() - t0) / 1_000_000);

        Path dir = Files.createTempDirectory("stashwatch-latency");
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir.resolve("pg"), 0, true)) {
            Migrations.apply(db.jdbcUrl(), db.user(), null);
            Map<String, Long> received = new ConcurrentHashMap<>();
            Listener listener = new Listener(db, received);
            listener.start();
            SimulatorSettings sim = SimulatorSettings.builder().pace(pace).backlog(backlog).build();
            try (SimulatorServer server = new SimulatorServer(sim, feed).start()) {
                Config config = jobConfig(server, db, dir);
                StreamExecutionEnvironment env = Environments.local(config, 2);
                if (!bufferTimeout.equals("default")) {
                    org.apache.flink.configuration.Configuration c = new org.apache.flink.configuration.Configuration();
                    c.set(ExecutionOptions.BUFFER_TIMEOUT, Duration.ofMillis(Long.parseLong(bufferTimeout.replace("ms", ""))));
                    env.configure(c);
                }
                System.out.println("buffer timeout " + env.getBufferTimeout() + " ms; live part: " + livePages
                        + " pages, one every " + pace.toMillis() + " ms, after a backlog of " + backlog);
                JobFactory.create(config, PostgresSinks.fromConfig(config)).build(env);
                JobClient job = env.executeAsync("stashwatch-latency");
                job.getJobExecutionResult().get();
            }
            Thread.sleep(500);
            listener.stopListening();
            report(db, received, backlog, pace, env(bufferTimeout));
        }
    }

    private static String env(String bufferTimeout) {
        return bufferTimeout.equals("default") ? "job default (" + Environments.BUFFER_TIMEOUT.toMillis() + " ms)"
                : bufferTimeout;
    }

    /** LISTENs on stashwatch_alerts and records when each alert id arrived. */
    static final class Listener extends Thread {
        private final Connection conn;
        private final Map<String, Long> received;
        private volatile boolean running = true;

        Listener(EmbeddedDatabase db, Map<String, Long> received) throws Exception {
            super("alert-listener");
            setDaemon(true);
            this.received = received;
            this.conn = DatabaseCheck.connect(db.jdbcUrl(), db.user(), null);
            try (Statement s = conn.createStatement()) {
                s.execute("LISTEN stashwatch_alerts");
            }
        }

        @Override
        public void run() {
            try {
                PGConnection pg = conn.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] ns = pg.getNotifications(100);
                    long now = System.currentTimeMillis();
                    if (ns != null) {
                        for (PGNotification n : ns) {
                            JsonNode alert = JSON.readTree(n.getParameter());
                            received.putIfAbsent(alert.path("alert_id").asText(), now);
                        }
                    }
                }
            } catch (Exception e) {
                if (running) {
                    System.err.println("listener failed: " + e);
                }
            }
        }

        void stopListening() throws Exception {
            running = false;
            join(2000);
            conn.close();
        }
    }

    /**
     * Latencies of the underpriced alerts of the live pages (seq above {@code liveAfterSeq}):
     * NOTIFY received − fetched_at ({@code visible}) and inserted_at − fetched_at; alerts of other
     * kinds are only counted.
     */
    record AlertLatencies(List<Long> visible, List<Long> inserted, int underpriced, int backlog, int missing,
            Map<String, Integer> kinds) {
        static AlertLatencies read(Connection c, Map<String, Long> received, long liveAfterSeq) throws Exception {
            List<Long> visible = new ArrayList<>();
            List<Long> inserted = new ArrayList<>();
            int underpriced = 0;
            int backlog = 0;
            int missing = 0;
            Map<String, Integer> kinds = new HashMap<>();
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT alert_id, kind, seq, (extract(epoch from fetched_at) * 1000)::bigint,"
                            + " (extract(epoch from inserted_at) * 1000)::bigint FROM alerts ORDER BY seq")) {
                while (rs.next()) {
                    String kind = rs.getString(2);
                    kinds.merge(kind, 1, Integer::sum);
                    if (!"underpriced".equals(kind)) {
                        continue;
                    }
                    underpriced++;
                    if (rs.getLong(3) <= liveAfterSeq) {
                        backlog++;
                        continue;
                    }
                    long fetched = rs.getLong(4);
                    inserted.add(rs.getLong(5) - fetched);
                    Long at = received.get(rs.getString(1));
                    if (at == null) {
                        missing++;
                    } else {
                        visible.add(at - fetched);
                    }
                }
            }
            return new AlertLatencies(visible, inserted, underpriced, backlog, missing, kinds);
        }
    }

    private static void report(EmbeddedDatabase db, Map<String, Long> received, int backlog, Duration pace,
            String bufferTimeout) throws Exception {
        AlertLatencies l;
        try (Connection c = DatabaseCheck.connect(db.jdbcUrl(), db.user(), null)) {
            l = AlertLatencies.read(c, received, backlog + 10);
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "alerts by kind %s; underpriced %d, of which %d in the backlog (not counted)%n", l.kinds(),
                l.underpriced(), l.backlog());
        System.out.printf(Locale.ROOT, "| buffer timeout | pace | alerts measured | visible − fetched_at p50 / p90 / p99 / max (ms) "
                + "| inserted_at − fetched_at p50 / p99 (ms) | notifications missing |%n");
        System.out.printf(Locale.ROOT, "| %s | %d ms | %d | %s | %s | %d |%n", bufferTimeout, pace.toMillis(), l.visible().size(),
                percentiles(l.visible(), 0.5, 0.9, 0.99, 1.0), percentiles(l.inserted(), 0.5, 0.99), l.missing());
    }

    /**
     * The production job's settings against the simulator and the benchmark's database: from the
     * beginning of the river, finishing 5 s after its end, 100 s windows sliding by 10 s,
     * checkpoints every 10 s, parallelism 2, Arrow files in {@code dir}.
     */
    static Config jobConfig(SimulatorServer server, EmbeddedDatabase db, Path dir) {
        Map<io.stashwatch.config.Option<?>, String> defaults = new LinkedHashMap<>(server.clientDefaults());
        return Config.defaults().withDefaults(defaults)
                .with(Options.POE_START_CHANGE_ID, "beginning")
                .with(Options.RUN_IDLE_TIMEOUT, "5s")
                .with(Options.DETECT_WINDOW, "100s")
                .with(Options.DETECT_SLIDE, "10s")
                .with(Options.CHECKPOINT_INTERVAL, "10s")
                .with(Options.PARALLELISM, "2")
                .with(Options.WEB_PORT, "0")
                .with(Options.JDBC_URL, db.jdbcUrl())
                .with(Options.JDBC_USER, db.user())
                .with(Options.ARROW_DIR, dir.resolve("arrow").toString());
    }

    /** The q-quantile (nearest rank) of {@code sorted}, which must not be empty. */
    static long percentile(long[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
    }

    static String percentiles(List<Long> values, double... qs) {
        if (values.isEmpty()) {
            return "–";
        }
        long[] v = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(v);
        StringBuilder sb = new StringBuilder();
        for (double q : qs) {
            sb.append(sb.length() == 0 ? "" : " / ").append(percentile(v, q));
        }
        return sb.toString();
    }
}
