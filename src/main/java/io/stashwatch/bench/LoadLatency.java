package io.stashwatch.bench;

import io.stashwatch.config.Config;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Alert latency at a fraction of the job's maximum throughput: the production job over HTTP against
 * the simulator into PostgreSQL (as {@link AlertLatencyBenchmark}), first with every page available
 * (maximum page rate), then paced at {@code load} × that rate, measuring page fetched → alert row
 * visible (the {@code LISTEN stashwatch_alerts} notification).
 */
final class LoadLatency {
    /** Pages right after the backlog not counted (the job may still be finishing the backlog). */
    static final int LIVE_MARGIN = 3;

    private LoadLatency() {
    }

    /** Pages per second and MB per second over the middle 80 % of a run's pages. */
    record Throughput(int pages, double pagesPerSecond, double mbPerSecond, double seconds) {
    }

    record Latency(int measured, int missing, List<Long> visible, List<Long> inserted, int underpriced, int backlogAlerts,
            double livePagesPerSecond) {
    }

    static String run(ScaleBenchmark.Args args) throws Exception {
        int pages = Math.max(args.throughputPages, args.latencyBacklog + args.latencyLive);
        MarketFeed feed = new MarketFeed(MarketSettings.builder().seed(42).pages(pages).stashesPerPage(args.stashesPerPage)
                .accounts(Math.max(900, args.stashesPerPage * 16)).underpricedPer100Pages(args.underpriced).build());
        long t0 = System.nanoTime();
        feed.generateUpTo(pages + 1L);
        double mbPerPage = feed.generatedBytes() / 1e6 / feed.generatedPages();
        System.out.printf(Locale.ROOT, "latency: generated %d pages (%.2f MB each) in %d ms%n", pages, mbPerPage,
                (System.nanoTime() - t0) / 1_000_000);
        double loadBefore = ScaleBenchmark.Machine.load1();

        Throughput max = throughput(feed, args.throughputPages);
        System.out.printf(Locale.ROOT, "maximum: %.2f pages/s, %.1f MB/s over %d pages%n", max.pagesPerSecond,
                max.mbPerSecond, max.pages);
        double loadMid = ScaleBenchmark.Machine.load1();
        Duration pace = Duration.ofNanos((long) (1e9 / (args.load * max.pagesPerSecond)));
        Latency lat = paced(feed, args.latencyBacklog, pace);
        double loadAfter = ScaleBenchmark.Machine.load1();

        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Market: %d pages of %d stashes (%.2f MB per page), %.0f underpriced "
                + "listings injected per 100 pages. Load average (1 min) %.2f before the maximum run, %.2f before the "
                + "paced run, %.2f after.%n%n", pages, args.stashesPerPage, mbPerPage, args.underpriced, loadBefore,
                loadMid, loadAfter));
        sb.append("| run | pages | page rate | MB/s | result |\n|---|---|---|---|---|\n");
        sb.append(String.format(Locale.ROOT, "| maximum (unpaced, into PostgreSQL) | %d | **%.2f pages/s** | %.1f | %.0f s "
                + "for the measured pages |%n", max.pages, max.pagesPerSecond, max.mbPerSecond, max.seconds));
        sb.append(String.format(Locale.ROOT, "| paced at %.0f %% (one page every %d ms) | %d backlog + %d live | %.2f pages/s "
                + "offered, %.2f taken | %.1f | %d alerts measured |%n%n", args.load * 100, pace.toMillis(),
                args.latencyBacklog, args.latencyLive, 1e9 / pace.toNanos(), lat.livePagesPerSecond,
                lat.livePagesPerSecond * mbPerPage, lat.measured));
        sb.append("| alerts measured | visible − fetched_at p50 / p95 / p99 / max (ms) | inserted_at − fetched_at p50 / p99 "
                + "(ms) | notifications missing |\n|---|---|---|---|\n");
        sb.append(String.format(Locale.ROOT, "| %d | **%s** | %s | %d |%n%n", lat.measured,
                AlertLatencyBenchmark.percentiles(lat.visible, 0.5, 0.95, 0.99, 1.0),
                AlertLatencyBenchmark.percentiles(lat.inserted, 0.5, 0.99), lat.missing));
        long p99 = percentile(lat.visible, 0.99);
        sb.append(String.format(Locale.ROOT, "- Underpriced alerts: %d, of which %d from the backlog (not counted). "
                + "p99 %s ms: the goal (p99 < 1 s at 80 %% of the maximum) is %s.%n", lat.underpriced, lat.backlogAlerts,
                p99 < 0 ? "–" : String.valueOf(p99), p99 < 0 ? "not measured" : p99 < 1000 ? "**met**" : "**not met**"));
        sb.append(String.format(Locale.ROOT, "- The live pages were taken at %.2f pages/s against %.2f offered: the job "
                + "%s.%n", lat.livePagesPerSecond, 1e9 / pace.toNanos(),
                lat.livePagesPerSecond >= 0.97 * 1e9 / pace.toNanos() ? "kept up" : "fell behind"));
        return sb.toString();
    }

    private static long percentile(List<Long> values, double q) {
        if (values.isEmpty()) {
            return -1;
        }
        return AlertLatencyBenchmark.percentile(values.stream().mapToLong(Long::longValue).sorted().toArray(), q);
    }

    private static SimulatorSettings.Builder simulator() {
        // no river rate limit; uncompressed answers (the simulator shares this JVM's two cores with the job)
        return SimulatorSettings.builder().riverRule("client", "100000:1:1").gzip(false);
    }

    private static org.apache.flink.core.execution.JobClient startJob(Config config, String name) throws Exception {
        StreamExecutionEnvironment env = Environments.local(config, 2);
        // a failure is a failed measurement, not something to restart from
        org.apache.flink.configuration.Configuration noRestart = new org.apache.flink.configuration.Configuration();
        noRestart.set(org.apache.flink.configuration.RestartStrategyOptions.RESTART_STRATEGY, "none");
        env.configure(noRestart);
        JobFactory.create(config, PostgresSinks.fromConfig(config)).build(env);
        return env.executeAsync(name);
    }

    /** Every page up to {@code pages} available at once; the job's page rate into PostgreSQL. */
    static Throughput throughput(MarketFeed feed, int pages) throws Exception {
        Path dir = Files.createTempDirectory("stashwatch-max");
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir.resolve("pg"), 0, true)) {
            Migrations.apply(db.jdbcUrl(), db.user(), null);
            // pages 0..pages-1 are there from the start; the next one would come an hour later
            SimulatorSettings sim = simulator().backlog(pages - 1L).pace(Duration.ofHours(1)).build();
            try (SimulatorServer server = new SimulatorServer(sim, feed).start()) {
                startJob(AlertLatencyBenchmark.jobConfig(server, db, dir), "stashwatch-max-throughput").getJobExecutionResult().get();
            }
            List<long[]> rows = new ArrayList<>();
            try (Connection c = DatabaseCheck.connect(db.jdbcUrl(), db.user(), null);
                    Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT seq, (extract(epoch from fetched_at) * 1000)::bigint, bytes"
                            + " FROM ingest_pages ORDER BY seq")) {
                while (rs.next()) {
                    rows.add(new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)});
                }
            }
            return slope(rows);
        } finally {
            org.apache.flink.util.FileUtils.deleteDirectoryQuietly(dir.toFile());
        }
    }

    /** Rate over the middle 80 % of the rows (seq, fetched_at ms, bytes). */
    static Throughput slope(List<long[]> rows) {
        if (rows.size() < 10) {
            throw new IllegalStateException("only " + rows.size() + " pages arrived");
        }
        int a = rows.size() / 10;
        int b = rows.size() - 1 - rows.size() / 10;
        double seconds = (rows.get(b)[1] - rows.get(a)[1]) / 1000.0;
        long bytes = 0;
        for (int i = a + 1; i <= b; i++) {
            bytes += rows.get(i)[2];
        }
        return new Throughput(rows.size(), (b - a) / seconds, bytes / 1e6 / seconds, seconds);
    }

    /** Whether the job has asked for page {@code index} (it has every page before it). */
    private static boolean askedFor(SimulatorServer server, MarketFeed feed, long index) {
        for (SimulatorServer.RiverHit h : server.riverLog()) {
            java.util.OptionalLong i = feed.indexOf(h.changeId());
            if (i.isPresent() && i.getAsLong() >= index) {
                return true;
            }
        }
        return false;
    }

    /** A backlog, then one page every {@code pace}: latency of the live pages' underpriced alerts. */
    static Latency paced(MarketFeed feed, int backlog, Duration pace) throws Exception {
        Path dir = Files.createTempDirectory("stashwatch-paced");
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir.resolve("pg"), 0, true)) {
            Migrations.apply(db.jdbcUrl(), db.user(), null);
            Map<String, Long> received = new ConcurrentHashMap<>();
            AlertLatencyBenchmark.Listener listener = new AlertLatencyBenchmark.Listener(db, received);
            listener.start();
            SimulatorSettings sim = simulator().backlog(backlog).pace(pace).build();
            System.out.printf(Locale.ROOT, "paced: backlog %d, then one page every %d ms%n", backlog, pace.toMillis());
            try (SimulatorServer server = new SimulatorServer(sim, feed).start()) {
                // the backlog first, then the live pages with the job at the head: otherwise the job would
                // spend the live part catching up (at 80 % load it gains only 0.25 pages per page offered)
                server.holdLivePages();
                var job = startJob(AlertLatencyBenchmark.jobConfig(server, db, dir), "stashwatch-paced-latency");
                long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
                while (!askedFor(server, feed, backlog + 1L) && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                Thread.sleep(1500); // the last backlog pages leave the pipeline (the idle timeout is 5 s)
                server.releaseLivePages();
                System.out.println("backlog consumed; live pages released");
                job.getJobExecutionResult().get();
            }
            Thread.sleep(500);
            listener.stopListening();
            AlertLatencyBenchmark.AlertLatencies l;
            List<long[]> live = new ArrayList<>();
            try (Connection c = DatabaseCheck.connect(db.jdbcUrl(), db.user(), null); Statement st = c.createStatement()) {
                l = AlertLatencyBenchmark.AlertLatencies.read(c, received, backlog + LIVE_MARGIN);
                try (ResultSet rs = st.executeQuery("SELECT seq, (extract(epoch from fetched_at) * 1000)::bigint, bytes"
                        + " FROM ingest_pages WHERE seq > " + (backlog + LIVE_MARGIN) + " ORDER BY seq")) {
                    while (rs.next()) {
                        live.add(new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)});
                    }
                }
            }
            double liveRate = live.size() < 10 ? Double.NaN : slope(live).pagesPerSecond();
            return new Latency(l.visible().size(), l.missing(), l.visible(), l.inserted(), l.underpriced(), l.backlog(), liveRate);
        } finally {
            org.apache.flink.util.FileUtils.deleteDirectoryQuietly(dir.toFile());
        }
    }
}
