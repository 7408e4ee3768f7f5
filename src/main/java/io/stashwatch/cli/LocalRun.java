package io.stashwatch.cli;

import io.stashwatch.config.Config;
import io.stashwatch.config.Options;
import io.stashwatch.db.DatabaseCheck;
import io.stashwatch.db.EmbeddedDatabase;
import io.stashwatch.db.Migrations;
import io.stashwatch.job.CountingSinks;
import io.stashwatch.job.Environments;
import io.stashwatch.job.JobFactory;
import io.stashwatch.job.Progress;
import io.stashwatch.job.StashwatchJob;
import io.stashwatch.poe.PoeApi;
import io.stashwatch.poe.PoeFatalException;
import io.stashwatch.poe.PoeSettings;
import io.stashwatch.poe.metrics.PoeMetrics;
import io.stashwatch.poe.oauth.TokenProvider;
import io.stashwatch.sink.PostgresSinks;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * One local run of the job ({@code run} and {@code demo}): database (embedded or external, migrated),
 * a credentials check against the API, the job on a MiniCluster, a progress line every few seconds,
 * and on completion or Ctrl-C a flush (stop with savepoint), a summary and the JDBC URL.
 */
final class LocalRun {
    private final Config config;
    private final PrintStream out;
    private final PrintStream err;
    private final String label;

    /** First change id of a river whose earlier runs' clock is reused (demo), or null. */
    private String reuseEpochOf;

    LocalRun(Config config, PrintStream out, PrintStream err, String label) {
        this.config = config;
        this.out = out;
        this.err = err;
        this.label = label;
    }

    /**
     * Reuses the river clock of an earlier run that started at {@code firstChangeId} in the same
     * database, unless {@code river.epoch} is set: a rerun of the same river then rewrites the same
     * rows instead of adding windows shifted in time.
     */
    LocalRun reuseEpochOf(String firstChangeId) {
        this.reuseEpochOf = firstChangeId;
        return this;
    }

    /** River time of the first page of an earlier run from {@code firstChangeId}, if the database has it. */
    static java.util.Optional<java.time.Instant> earlierEpoch(Database db, String firstChangeId) {
        try (Connection c = DatabaseCheck.connect(db.url(), db.user(), db.password());
                java.sql.PreparedStatement st = c.prepareStatement(
                        "SELECT river_time FROM ingest_pages WHERE change_id = ? AND seq = 0")) {
            st.setString(1, firstChangeId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? java.util.Optional.of(rs.getTimestamp(1).toInstant()) : java.util.Optional.empty();
            }
        } catch (java.sql.SQLException e) {
            throw new UserFacingException("Cannot read ingest_pages: " + e.getMessage(), e);
        }
    }

    /** A database the job writes to; embedded ones are stopped when the run ends. */
    record Database(String url, String user, String password, EmbeddedDatabase embedded) implements AutoCloseable {
        @Override
        public void close() {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    /** Starts (or checks) the database and applies the migrations. */
    static Database openDatabase(Config config) {
        String url = config.get(Options.JDBC_URL);
        String user = config.get(Options.JDBC_USER);
        String password = config.get(Options.JDBC_PASSWORD);
        EmbeddedDatabase embedded = null;
        if (url == null) {
            embedded = EmbeddedDatabase.start(Path.of(config.get(Options.DB_DIR)), config.get(Options.DB_PORT), false);
            url = embedded.jdbcUrl();
            user = embedded.user();
            password = null;
        } else {
            DatabaseCheck.check(url, user, password);
        }
        try {
            Migrations.apply(url, user, password);
        } catch (RuntimeException e) {
            if (embedded != null) {
                embedded.close();
            }
            throw e;
        }
        return new Database(url, user, password, embedded);
    }

    /** Asks the token endpoint once, so bad credentials or an unreachable API fail before the job starts. */
    static void checkCredentials(PoeSettings settings) {
        try {
            TokenProvider.shared(PoeApi.shared(settings).http()).token(PoeMetrics.NONE);
        } catch (PoeFatalException e) {
            throw new UserFacingException(e.getMessage(), e);
        } catch (IOException e) {
            throw new UserFacingException("Cannot reach the OAuth token endpoint " + settings.tokenUrl() + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    + " (check poe.token-url and the network)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserFacingException("interrupted");
        }
    }

    int execute() throws Exception {
        PoeSettings poe = PoeSettings.fromConfig(config);
        Config effective = config;
        try (Database db = openDatabase(config)) {
            if (reuseEpochOf != null && config.get(Options.RIVER_EPOCH) == null) {
                java.util.Optional<java.time.Instant> epoch = earlierEpoch(db, reuseEpochOf);
                if (epoch.isPresent()) {
                    effective = effective.with(Options.RIVER_EPOCH, epoch.get().toString());
                    out.println("Same river as an earlier run in this database: keeping its clock (river.epoch "
                            + epoch.get() + ")");
                }
            }
            checkCredentials(poe);
            Progress.reset();
            StashwatchJob job = JobFactory.create(effective, new CountingSinks(
                    PostgresSinks.fromConfig(effective.with(Options.JDBC_URL, db.url())
                            .with(Options.JDBC_USER, db.user()))));
            StreamExecutionEnvironment env = Environments.local(effective, config.get(Options.POE_REALM).size() + 1);
            job.build(env);
            Environments.resumePoint(effective).ifPresent(p -> out.println("Resuming from " + p));
            out.println("stashwatch " + label + ": following " + config.get(Options.POE_API_URL) + " into "
                    + DatabaseCheck.redact(db.url()) + (config.get(Options.WEB_PORT) > 0
                            ? "; Flink web UI on http://localhost:" + config.get(Options.WEB_PORT) : ""));
            JobClient client = env.executeAsync("stashwatch");
            return supervise(client, db);
        }
    }

    private int supervise(JobClient client, Database db) throws Exception {
        long started = System.nanoTime();
        CountDownLatch finished = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        Thread hook = new Thread(() -> {
            interrupted.set(true);
            err.println();
            err.println("Stopping: flushing the sinks (stop with savepoint)...");
            try {
                client.stopWithSavepoint(false, savepointDir(), SavepointFormatType.CANONICAL)
                        .get(2, TimeUnit.MINUTES);
            } catch (Exception e) {
                err.println("Could not stop with a savepoint (" + Failures.describe(e) + "); cancelling");
                client.cancel();
            }
            try {
                finished.await(2, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.flush();
            Runtime.getRuntime().halt(0);
        }, "stashwatch-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        Duration every = config.get(Options.RUN_PROGRESS_INTERVAL);
        ProgressLine line = new ProgressLine(started);
        int code = 0;
        try {
            while (true) {
                try {
                    client.getJobExecutionResult().get(every.toMillis(), TimeUnit.MILLISECONDS);
                    break;
                } catch (java.util.concurrent.TimeoutException e) {
                    out.println(line.render());
                } catch (java.util.concurrent.ExecutionException e) {
                    if (interrupted.get()) {
                        break;
                    }
                    JobStatus status = client.getJobStatus().get(10, TimeUnit.SECONDS);
                    err.println("stashwatch " + label + ": the job " + status.name().toLowerCase() + ": "
                            + Failures.describe(e));
                    code = Main.EXIT_FAILURE;
                    break;
                }
            }
            out.println(line.render());
            out.println(summary(db, started));
            return code;
        } finally {
            if (!interrupted.get()) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // already shutting down
                }
            }
            finished.countDown();
        }
    }

    private String savepointDir() throws IOException {
        String stateDir = config.get(Options.STATE_DIR);
        if (stateDir != null) {
            return Environments.stateUri(stateDir) + "/savepoints";
        }
        return io.stashwatch.job.TemporaryDirectories.create("stashwatch-savepoint").toUri().toString();
    }

    private String summary(Database db, long startedNanos) {
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startedNanos));
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("Done in %ds: %,d pages, %,d stashes, %,d events, %,d alerts.%n", seconds,
                Progress.PAGES.sum(), Progress.STASHES.sum(), Progress.EVENTS.sum(), Progress.ALERTS.sum()));
        Map<String, Long> rows = new LinkedHashMap<>();
        try (Connection c = DatabaseCheck.connect(db.url(), db.user(), db.password());
                Statement st = c.createStatement()) {
            for (String table : new String[] {"ingest_pages", "listings", "listing_events", "price_stats", "alerts"}) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
                    rs.next();
                    rows.put(table, rs.getLong(1));
                }
            }
        } catch (Exception e) {
            sb.append("(could not count rows: ").append(Failures.describe(e)).append(")\n");
        }
        if (!rows.isEmpty()) {
            sb.append("Rows now: ");
            rows.forEach((k, v) -> sb.append(k).append(' ').append(String.format("%,d", v)).append("  "));
            sb.append('\n');
        }
        sb.append("Query it: JDBC_URL=jdbc:postgresql://").append(DatabaseCheck.redact(db.url())).append(" JDBC_USER=").append(db.user());
        if (db.embedded() != null) {
            sb.append("\n(the embedded database stops now; `java -jar target/stashwatch.jar db` serves it again)");
        }
        return sb.toString();
    }
}
