package io.stashwatch.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.stashwatch.bench.SyntheticJob;
import io.stashwatch.bench.SyntheticPage;
import io.stashwatch.bench.SyntheticRiver;
import io.stashwatch.db.EmbeddedDatabase;
import io.stashwatch.db.Migrations;
import io.stashwatch.testutil.ArrowRows;
import io.stashwatch.testutil.Flink;
import io.stashwatch.testutil.Sql;
import io.stashwatch.testutil.WebhookReceiver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL goes away for 30 s in the middle of a run: the sinks fail after their retries, the job
 * restarts from its last checkpoint with exponential delay until the database is back, and in the
 * end every table (wall-clock columns aside) and every Arrow file equals those of an uninterrupted
 * run of the same records.
 */
class OutageIT {
    private static final int PAGES = 300;

    @RegisterExtension
    static final MiniClusterExtension FLINK = Flink.miniCluster();

    @Test
    void aThirtySecondOutageLeavesTheSameTablesAsAnUninterruptedRun(@TempDir Path tmp) throws Exception {
        SyntheticRiver.Spec spec = new SyntheticRiver.Spec().seed(31);
        try (EmbeddedDatabase db = EmbeddedDatabase.start(tmp.resolve("pg"), 0);
                WebhookReceiver receiver = new WebhookReceiver(0, (key, before) -> 200)) {
            db.createDatabase("reference");
            db.createDatabase("outage");
            String reference = db.jdbcUrl("reference");
            String outage = db.jdbcUrl("outage");
            Migrations.apply(reference, EmbeddedDatabase.USER, null);
            Migrations.apply(outage, EmbeddedDatabase.USER, null);

            StreamExecutionEnvironment refEnv = Flink.env(Duration.ofMillis(500), 2);
            SyntheticJob.wire(refEnv, spec, PAGES, Duration.ZERO, false,
                    new PostgresSinks(options(reference, tmp.resolve("arrow-reference")).build()));
            refEnv.execute("reference");

            SinkOptions outageOptions = options(outage, tmp.resolve("arrow-outage"))
                    .webhook(receiver.url(), Duration.ofSeconds(2), 50)
                    .webhookBackoff(Duration.ofMillis(200), Duration.ofSeconds(2))
                    .build();
            StreamExecutionEnvironment env = Flink.env(Duration.ofSeconds(1), 2);
            SyntheticJob.wire(env, spec, PAGES, Duration.ofMillis(60), false, new PostgresSinks(outageOptions));
            JobClient job = env.executeAsync("outage");

            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> Sql.count(outage, "ingest_pages") >= 60);
            db.stop();
            Set<JobStatus> seen = EnumSet.noneOf(JobStatus.class);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < end) {
                seen.add(job.getJobStatus().get());
                Thread.sleep(100);
            }
            db.restart();
            job.getJobExecutionResult().get(3, TimeUnit.MINUTES);

            assertThat(seen).as("the job failed and restarted while the database was away").contains(JobStatus.RESTARTING);
            Map<String, List<List<String>>> expected = Sql.dump(reference);
            Map<String, List<List<String>>> actual = Sql.dump(outage);
            for (String table : expected.keySet()) {
                assertThat(expected.get(table)).as(table).isNotEmpty();
                assertThat(actual.get(table)).as(table).isEqualTo(expected.get(table));
            }
            assertThat(Sql.count(outage, "ingest_pages")).isEqualTo(PAGES);
            assertThat(arrowRows(tmp.resolve("arrow-outage"))).isEqualTo(arrowRows(tmp.resolve("arrow-reference")));

            // every alert reaches the webhook (at least once; receivers deduplicate on the key)
            Set<String> alertIds = new HashSet<>();
            SyntheticRiver river = new SyntheticRiver(spec);
            for (int i = 0; i < PAGES; i++) {
                SyntheticPage p = river.next();
                p.alerts.forEach(a -> alertIds.add(a.alertId));
            }
            try (WebhookDispatcher after = WebhookDispatcher.start(outageOptions)) {
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                        Sql.count(outage, "SELECT count(*) FROM alert_deliveries WHERE status = 'delivered'")
                                == alertIds.size());
            }
            assertThat(receiver.requests().stream().map(r -> r.idempotencyKey).collect(Collectors.toSet()))
                    .isEqualTo(alertIds);
        }
    }

    private static SinkOptions.Builder options(String url, Path arrow) {
        return SinkOptions.builder(url).credentials(EmbeddedDatabase.USER, null).batch(500, 100).maxRetries(1)
                .arrow(arrow.toString(), Duration.ofSeconds(30));
    }

    /** File name -> its rows, sorted, for every Arrow file under {@code dir}. */
    private static Map<String, List<String>> arrowRows(Path dir) throws Exception {
        Map<String, List<String>> out = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).collect(Collectors.toList());
        }
        for (Path f : files) {
            List<String> rows = new ArrayList<>();
            ArrowRows.read(f).forEach(r -> rows.add(r.toString()));
            rows.sort(Comparator.naturalOrder());
            out.put(dir.relativize(f).toString(), rows);
        }
        assertThat(out).isNotEmpty();
        return out;
    }
}
