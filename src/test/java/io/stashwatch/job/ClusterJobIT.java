package io.stashwatch.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.stashwatch.config.Config;
import io.stashwatch.simulator.market.MarketFeed;
import io.stashwatch.simulator.market.MarketSettings;
import io.stashwatch.simulator.server.SimulatorServer;
import io.stashwatch.simulator.server.SimulatorSettings;
import io.stashwatch.sink.PostgresSinks;
import io.stashwatch.testutil.ArrowRows;
import io.stashwatch.testutil.CheckpointStats;
import io.stashwatch.testutil.PacedRiverFeed;
import io.stashwatch.testutil.Sql;
import io.stashwatch.testutil.StandaloneFlinkCluster;
import io.stashwatch.testutil.StandaloneFlinkCluster.CliResult;
import io.stashwatch.testutil.TestPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The real job on a real cluster: {@code target/stashwatch.jar} on a standalone Flink session
 * cluster (JobManager and TaskManager in their own JVMs, started from the Maven jars with the
 * project's {@code conf/config.yaml}), run the way an operator runs it, with program arguments only
 * (the client secret from the environment), against a simulated river and an external PostgreSQL
 * database that the job migrates itself. Its {@code main} detects the cluster, submits the job and
 * returns at once.
 *
 * <p>The operator procedures of docs/cluster.md are checked against an uninterrupted run of the
 * same river (a local run in the test JVM, built with the same {@link JobFactory} and
 * {@link PostgresSinks}):
 * <ul>
 *   <li>upload over REST and run ({@code main} inside the JobManager); the TaskManager killed with
 *       SIGKILL mid-run and a new one started: the job restores its latest checkpoint and finishes;
 *   <li>upload over REST and run; stop with a savepoint mid-run ({@code POST /jobs/<id>/stop}); run
 *       again from it over REST;
 *   <li>{@code flink run -d}, {@code flink stop --savepointPath}, {@code flink run -d -s <savepoint>}
 *       with Flink's command-line client ({@code main} in the client).
 * </ul>
 * Each time every table, without its wall-clock columns, and every Arrow file's rows equal the
 * reference. The river grows one page per {@code PACE} from the moment the job runs and holds
 * back its next page while the test interrupts the job, so the interruption falls mid-river
 * however slow the machine is. A start without {@code jdbc.url}
 * fails with the one-line cause on both ways of submitting. Timings are printed, not asserted.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterJobIT {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final long SEED = 31;
    private static final int PAGES = 120;
    private static final int STASHES_PER_PAGE = 20;
    private static final int BACKLOG = 10;
    private static final Duration PACE = Duration.ofMillis(120);
    /** Pages the job has written before it is interrupted. */
    private static final int INTERRUPT_AFTER_PAGES = 40;
    private static final int PARALLELISM = 2;
    private static final String PG_CLEANER_TTL = "pgjdbc.config.cleanup.thread.ttl=1000";
    private static final Path JAR = Path.of(System.getProperty("stashwatch.jar", "target/stashwatch.jar"))
            .toAbsolutePath();

    private static StandaloneFlinkCluster cluster;
    private static String jarId;
    private static Map<String, List<List<String>>> referenceTables;
    private static Map<String, List<String>> referenceArrow;

    @BeforeAll
    static void setUp() throws Exception {
        long t0 = System.nanoTime();
        CompletableFuture<Void> reference = CompletableFuture.runAsync(ClusterJobIT::referenceRun);
        try {
            cluster = StandaloneFlinkCluster.builder()
                    .baseConfig(Path.of("conf/config.yaml"))
                    .logConfig(Path.of("conf/log4j-console.properties"))
                    // the Prometheus reporter is a plugin of the Flink image, not part of the Maven classpath
                    .removeKeysStartingWith("metrics.reporter.")
                    .heartbeat(Duration.ofSeconds(1), Duration.ofSeconds(5))
                    // the PostgreSQL driver's cleaner thread lingers 30 s after its last connection and
                    // holds its class loader until then; shortened so the class loader check is quick
                    .set("env.java.opts.jobmanager", "-D" + PG_CLEANER_TTL)
                    .set("env.java.opts.taskmanager", "-D" + PG_CLEANER_TTL)
                    // secrets reach main() through the JobManager's environment, as docs/cluster.md advises
                    .environment("POE_CLIENT_SECRET", SimulatorSettings.DEMO_CLIENT_SECRET)
                    .start();
            report("cluster start", t0);
            long t1 = System.nanoTime();
            jarId = cluster.uploadJar(JAR);
            report("upload of stashwatch.jar", t1);
        } finally {
            reference.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        report("setup (cluster, upload and reference run in parallel)", t0);
        StringBuilder rows = new StringBuilder();
        referenceTables.forEach((table, r) -> rows.append(' ').append(table).append('=').append(r.size()));
        System.out.println("[cluster-job] reference rows:" + rows + ", Arrow files=" + referenceArrow.size());
        assertThat(referenceTables.get("ingest_pages")).as("reference run reads the whole river").hasSize(PAGES);
        assertThat(referenceTables.get("listing_events")).as("reference events").isNotEmpty();
        assertThat(referenceTables.get("price_stats")).as("reference price statistics").isNotEmpty();
        assertThat(referenceTables.get("alerts")).as("reference alerts").isNotEmpty();
        assertThat(referenceArrow.keySet()).as("reference Arrow files")
                .anyMatch(f -> f.startsWith("listing_events/")).anyMatch(f -> f.startsWith("price_stats/"));
    }

    /** Cancels what a failed test left running, so the next test has the slots. */
    @AfterEach
    void cancelLeftoverJobs() {
        for (JsonNode job : cluster.get("/jobs/overview").path("jobs")) {
            String state = job.path("state").asText();
            if (!Set.of("FINISHED", "CANCELED", "FAILED").contains(state)) {
                cluster.cancel(job.path("jid").asText(), WAIT);
            }
        }
    }

    @AfterAll
    static void tearDown() {
        if (cluster != null) {
            System.out.println("[cluster-job] logs in " + cluster.logDir());
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void recoversFromCheckpointAfterTaskManagerIsKilled() throws Exception {
        String url = TestPostgres.freshDatabase("cluster_recovery");
        Path stateDir = cluster.workDir().resolve("state-recovery");
        Path arrowDir = cluster.workDir().resolve("arrow-recovery");
        try (River river = pacedRiver()) {
            long t0 = System.nanoTime();
            String jobId = cluster.run(jarId, args(river.server(), url, stateDir, arrowDir), PARALLELISM);
            report("recovery run: POST /jars/<id>/run returned (main returned)", t0);
            cluster.waitForRunning(jobId, WAIT);
            report("recovery run: all tasks running", t0);
            river.start();

            awaitPages(jobId, url, INTERRUPT_AFTER_PAGES);
            CheckpointStats checkpointed = cluster.waitForCheckpointAfter(jobId, 0, WAIT);
            // pages after the latest checkpoint are in flight: they are replayed after the restore
            long released = river.pause();

            long killedAt = System.nanoTime();
            String killed = cluster.killTaskManager();
            long pagesAtKill = Sql.count(url, "ingest_pages");
            String replacement = cluster.startTaskManager();
            assertThat(replacement).isNotEqualTo(killed);
            report("recovery run: new TaskManager registered after kill -9", killedAt);
            river.resume();
            assertThat(pagesAtKill).as("the kill falls mid-run").isLessThanOrEqualTo(released);
            cluster.rest().await("job " + jobId + " to restore from a checkpoint", WAIT,
                    () -> cluster.checkpointStats(jobId).restored() > checkpointed.restored());
            CheckpointStats restored = cluster.checkpointStats(jobId);
            report("recovery run: kill -9 to restore", killedAt);
            assertThat(restored.restoredFromSavepoint()).isFalse();
            assertThat(restored.restoredId()).as("restored from the latest checkpoint before the kill or later")
                    .isGreaterThanOrEqualTo(checkpointed.latestCompletedId());

            cluster.waitForStatus(jobId, "FINISHED", WAIT);
            report("recovery run: kill -9 to job FINISHED", killedAt);
            System.out.printf("[cluster-job] recovery run: killed after %d of %d pages (%d released), restored "
                    + "checkpoint #%d%n", pagesAtKill, PAGES, released, restored.restoredId());
        }
        assertSameAsReference(url, arrowDir);
    }

    @Test
    @Order(2)
    void stopsWithSavepointAndResumesFromIt() throws Exception {
        String url = TestPostgres.freshDatabase("cluster_savepoint");
        Path stateDir = cluster.workDir().resolve("state-savepoint");
        Path arrowDir = cluster.workDir().resolve("arrow-savepoint");
        try (River river = pacedRiver()) {
            List<String> args = args(river.server(), url, stateDir, arrowDir);
            String jobId = cluster.run(jarId, args, PARALLELISM);
            cluster.waitForRunning(jobId, WAIT);
            river.start();
            awaitPages(jobId, url, INTERRUPT_AFTER_PAGES);
            river.pause();

            long t0 = System.nanoTime();
            String savepoint = cluster.stopWithSavepoint(jobId, stateDir.resolve("savepoints"), WAIT);
            report("savepoint run: stop with savepoint", t0);
            long pagesAtStop = Sql.count(url, "ingest_pages");
            assertThat(pagesAtStop).as("the stop falls mid-run").isLessThan(PAGES);
            river.resume();
            assertThat(Path.of(stripScheme(savepoint)).resolve("_metadata")).exists();

            long t1 = System.nanoTime();
            String resumed = cluster.run(jarId, args, PARALLELISM, savepoint);
            cluster.waitForRunning(resumed, WAIT);
            report("savepoint run: resubmit from savepoint to all tasks running", t1);
            CheckpointStats stats = cluster.checkpointStats(resumed);
            assertThat(stats.restoredFromSavepoint()).isTrue();
            assertThat(stripScheme(stats.restoredPath())).isEqualTo(stripScheme(savepoint));

            cluster.waitForStatus(resumed, "FINISHED", WAIT);
            report("savepoint run: resubmit to job FINISHED", t1);
            System.out.printf("[cluster-job] savepoint run: stopped after %d of %d pages%n", pagesAtStop, PAGES);
        }
        assertSameAsReference(url, arrowDir);
    }

    /** The upgrade procedure of docs/cluster.md, with Flink's command-line client: run, stop with a savepoint, run from it. */
    @Test
    @Order(3)
    void upgradesWithTheFlinkCommandLine() throws Exception {
        String url = TestPostgres.freshDatabase("cluster_cli");
        Path stateDir = cluster.workDir().resolve("state-cli");
        Path arrowDir = cluster.workDir().resolve("arrow-cli");
        try (River river = pacedRiver()) {
            List<String> args = args(river.server(), url, stateDir, arrowDir);
            long t0 = System.nanoTime();
            CliResult submitted = flink(concat(List.of("run", "-d", JAR.toString()), args));
            report("flink run -d returned", t0);
            assertThat(submitted.output()).contains("stashwatch submitted");
            String jobId = submitted.find("JobID ([0-9a-f]{32})");
            cluster.waitForRunning(jobId, WAIT);
            river.start();
            awaitPages(jobId, url, INTERRUPT_AFTER_PAGES);
            river.pause();

            long t1 = System.nanoTime();
            CliResult stopped = flink(List.of("stop", "--savepointPath", stateDir.resolve("savepoints").toUri().toString(),
                    jobId));
            report("flink stop --savepointPath returned", t1);
            String savepoint = stopped.find("Savepoint completed\\. Path: (\\S+)");
            cluster.waitForStatus(jobId, "FINISHED", WAIT);
            long pagesAtStop = Sql.count(url, "ingest_pages");
            assertThat(pagesAtStop).as("the stop falls mid-run").isLessThan(PAGES);
            river.resume();

            long t2 = System.nanoTime();
            CliResult resubmitted = flink(concat(List.of("run", "-d", "-s", savepoint, JAR.toString()), args));
            String resumed = resubmitted.find("JobID ([0-9a-f]{32})");
            cluster.waitForRunning(resumed, WAIT);
            report("flink run -d -s <savepoint> to all tasks running", t2);
            CheckpointStats stats = cluster.checkpointStats(resumed);
            assertThat(stats.restoredFromSavepoint()).isTrue();
            assertThat(stripScheme(stats.restoredPath())).isEqualTo(stripScheme(savepoint));
            cluster.waitForStatus(resumed, "FINISHED", WAIT);
            report("flink run -d -s <savepoint> to job FINISHED", t2);
            System.out.printf("[cluster-job] command-line run: stopped after %d of %d pages%n", pagesAtStop, PAGES);
        }
        assertSameAsReference(url, arrowDir);
    }

    @Test
    @Order(4)
    void startWithoutUsableDatabaseFailsWithOneLineNamingTheCause() {
        try (River river = pacedRiver()) {
            List<String> args = args(river.server(), "unused", null, cluster.workDir().resolve("arrow-unused"));
            int i = args.indexOf("--jdbc.url");
            args.subList(i, i + 2).clear();
            assertThatThrownBy(() -> cluster.run(jarId, args, PARALLELISM))
                    .as("POST /jars/<id>/run answers with the cause")
                    .hasMessageContaining("stashwatch run: jdbc.url is required on a cluster");
            CliResult cli = flink(concat(List.of("run", "-d", JAR.toString()), args));
            assertThat(cli.exitCode()).isNotZero();
            assertThat(cli.output()).as("flink run prints the cause")
                    .contains("The main method caused an error: stashwatch run: jdbc.url is required on a cluster");

            String missing = TestPostgres.shared().jdbcUrl("no_such_database");
            assertThatThrownBy(() -> cluster.run(jarId, args(river.server(), missing, null,
                    cluster.workDir().resolve("arrow-unused")), PARALLELISM))
                    .as("the database is checked from main, before anything is submitted")
                    .hasMessageContaining("stashwatch run: PostgreSQL at ")
                    .hasMessageContaining("no_such_database: the database does not exist (jdbc.url); create it first");
        }
        assertThat(cluster.get("/jobs/overview").path("jobs").findValuesAsText("state"))
                .as("nothing was submitted").doesNotContain("RUNNING", "CREATED", "INITIALIZING");
    }

    /**
     * After all the runs above (five jar runs in the JobManager, jobs on two TaskManagers) no
     * process may keep the job's class loaders: the JDBC driver and the shared HTTP client are let
     * go when a class loader is released, so a long-running cluster does not lose metaspace with
     * every submission and upgrade. One may stay a while: the JDK's record method handles keep a
     * single-entry cache of their last adaptation.
     */
    @Test
    @Order(5)
    void jobClassLoadersAreReleasedWhenJobsEnd() throws InterruptedException {
        assumeTrue(cluster.canInspectProcesses(), "jcmd is not available");
        long t0 = System.nanoTime();
        long deadline = t0 + Duration.ofSeconds(60).toNanos();
        Map<String, Integer> retained = cluster.retainedJobClassLoaders();
        while (retained.values().stream().anyMatch(n -> n > 1) && System.nanoTime() < deadline) {
            Thread.sleep(2000);
            retained = cluster.retainedJobClassLoaders();
        }
        report("job class loaders still held " + retained, t0);
        assertThat(retained).as("job class loaders held by each process after a full GC").isNotEmpty()
                .allSatisfy((process, count) -> assertThat(count).as(process).isLessThanOrEqualTo(1));
    }

    // ------------------------------------------------------------------ the runs

    /** The river every run reads: small, with underpriced listings, traps and shifts. */
    private static MarketSettings market() {
        return MarketSettings.builder().seed(SEED).pages(PAGES).stashesPerPage(STASHES_PER_PAGE).accounts(300)
                .build();
    }

    /** The server's own pacing is off: the reference gets the whole river at once, the others a {@link River}. */
    private static SimulatorSettings simulatorSettings() {
        return SimulatorSettings.builder()
                .pace(Duration.ZERO)
                // generous limits: the runs are paced by the river, not by rate limits
                .riverRule("client", "200:1:2")
                .build();
    }

    /** A simulator serving a river that grows from {@link River#start()} on. */
    private record River(SimulatorServer server, PacedRiverFeed feed) implements AutoCloseable {
        void start() {
            feed.start();
        }

        /** Holds the river while the test interrupts the job; returns the pages released so far. */
        long pause() {
            long released = feed.pause();
            assertThat(released).as("the river is paused before its end").isLessThan(PAGES);
            return released;
        }

        void resume() {
            feed.resume();
        }

        @Override
        public void close() {
            feed.resume();
            server.close();
        }
    }

    private static River pacedRiver() {
        PacedRiverFeed feed = new PacedRiverFeed(new MarketFeed(market()), BACKLOG, PACE);
        try {
            return new River(new SimulatorServer(simulatorSettings(), feed).start(), feed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The job's options, identical for every run except where it writes. */
    private static Map<String, String> options(SimulatorServer simulator, String jdbcUrl, Path stateDir,
            Path arrowDir) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("poe.api-url", simulator.baseUrl());
        o.put("poe.token-url", simulator.tokenUrl());
        o.put("poe.head-url", simulator.headUrl());
        o.put("poe.client-id", SimulatorSettings.DEMO_CLIENT_ID);
        o.put("poe.contact", "cluster-test@stashwatch.invalid");
        o.put("poe.start-change-id", "beginning");
        // Currency Exchange rates apply from the moment they arrive: not reproducible across runs
        o.put("poe.currency-exchange", "false");
        o.put("river.epoch", "2026-01-01T00:00:00Z");
        o.put("detect.window", "60s");
        o.put("detect.slide", "10s");
        o.put("jdbc.url", jdbcUrl);
        o.put("jdbc.user", "postgres");
        o.put("parallelism", String.valueOf(PARALLELISM));
        o.put("checkpoint.interval", "1s");
        o.put("run.idle-timeout", "5s");
        o.put("arrow.dir", arrowDir.toString());
        o.put("arrow.roll", "30s");
        if (stateDir != null) {
            o.put("state.dir", stateDir.toString());
        }
        return o;
    }

    private static List<String> args(SimulatorServer simulator, String jdbcUrl, Path stateDir, Path arrowDir) {
        List<String> args = new ArrayList<>();
        options(simulator, jdbcUrl, stateDir, arrowDir).forEach((k, v) -> {
            args.add("--" + k);
            args.add(v);
        });
        return args;
    }

    /** The uninterrupted run: the same job on a local MiniCluster in this JVM, the whole river available at once. */
    private static void referenceRun() {
        long t0 = System.nanoTime();
        String url = TestPostgres.migratedDatabase("cluster_reference");
        Path arrowDir;
        try {
            arrowDir = Files.createTempDirectory("stashwatch-cluster-reference-arrow");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (SimulatorServer simulator = new SimulatorServer(simulatorSettings(),
                new MarketFeed(market())).start()) {
            Map<String, String> options = options(simulator, url, null, arrowDir);
            options.put("poe.client-secret", SimulatorSettings.DEMO_CLIENT_SECRET);
            options.put("web.port", "0");
            Config config = Config.builder().cli(options).build();
            StreamExecutionEnvironment env = Environments.local(config, PARALLELISM);
            JobFactory.create(config, PostgresSinks.fromConfig(config)).build(env);
            report("reference run: database, simulator and job graph ready", t0);
            env.execute("stashwatch reference");
        } catch (Exception e) {
            throw new IllegalStateException("the reference run failed", e);
        }
        referenceTables = Sql.dump(url);
        referenceArrow = arrowRows(arrowDir);
        TestPostgres.deleteTree(arrowDir);
        report("reference run (local MiniCluster)", t0);
    }

    // ------------------------------------------------------------------ checks

    private static CliResult flink(List<String> args) {
        CliResult result = cluster.flink(args, Map.of(), WAIT);
        System.out.printf("[cluster-job] flink %s: exit %d%n", args.get(0), result.exitCode());
        return result;
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static void awaitPages(String jobId, String url, long pages) {
        cluster.rest().await(pages + " pages in ingest_pages", WAIT, () -> {
            String status = cluster.jobStatus(jobId);
            if (!status.equals("RUNNING") && !status.equals("CREATED") && !status.equals("INITIALIZING")) {
                throw new IllegalStateException("job " + jobId + " is " + status + ": "
                        + cluster.rest().rootException(jobId));
            }
            return Sql.count(url, "ingest_pages") >= pages;
        });
    }

    private static void assertSameAsReference(String url, Path arrowDir) throws IOException {
        Map<String, List<List<String>>> tables = Sql.dump(url);
        assertThat(tables.keySet()).isEqualTo(referenceTables.keySet());
        for (String table : referenceTables.keySet()) {
            assertThat(tables.get(table)).as("table %s equals the uninterrupted run's", table)
                    .hasSameSizeAs(referenceTables.get(table))
                    .isEqualTo(referenceTables.get(table));
        }
        Map<String, List<String>> arrow = arrowRows(arrowDir);
        assertThat(arrow.keySet()).isEqualTo(referenceArrow.keySet());
        for (String file : referenceArrow.keySet()) {
            assertThat(arrow.get(file)).as("Arrow rows of %s equal the uninterrupted run's", file)
                    .isEqualTo(referenceArrow.get(file));
        }
    }

    /** Every Arrow file under {@code dir} (by table and file name) as sorted rows without wall-clock columns. */
    private static Map<String, List<String>> arrowRows(Path dir) {
        Map<String, List<String>> out = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".arrow") && !p.toString().contains("/.")).toList()) {
                List<String> columns = ArrowRows.columns(f);
                List<String> rows = new ArrayList<>();
                for (List<Object> row : ArrowRows.read(f)) {
                    StringBuilder sb = new StringBuilder();
                    for (int i = 0; i < columns.size(); i++) {
                        if (!Sql.WALL_CLOCK.contains(columns.get(i))) {
                            sb.append(columns.get(i)).append('=').append(row.get(i)).append(' ');
                        }
                    }
                    rows.add(sb.toString());
                }
                rows.sort(null);
                out.put(dir.relativize(f).toString(), rows);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static String stripScheme(String path) {
        return path == null ? null : path.replaceFirst("^file:(//)?", "").replaceAll("/+$", "");
    }

    private static void report(String what, long startNanos) {
        System.out.printf("[cluster-job] %s: %d ms%n", what, (System.nanoTime() - startNanos) / 1_000_000);
    }
}
