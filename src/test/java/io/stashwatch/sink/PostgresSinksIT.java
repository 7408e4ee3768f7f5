package io.stashwatch.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stashwatch.bench.SyntheticJob;
import io.stashwatch.bench.SyntheticPage;
import io.stashwatch.bench.SyntheticRiver;
import io.stashwatch.db.EmbeddedDatabase;
import io.stashwatch.model.Alert;
import io.stashwatch.testutil.Flink;
import io.stashwatch.testutil.NotificationListener;
import io.stashwatch.testutil.Sql;
import io.stashwatch.testutil.TestPostgres;
import io.stashwatch.testutil.WebhookReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The PostgreSQL sinks in a real job (MiniCluster, checkpoints, parallelism 2) on embedded PostgreSQL. */
class PostgresSinksIT {
    private static final int PAGES = 150;
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final MiniClusterExtension FLINK = Flink.miniCluster();

    /** What the synthetic river holds after PAGES pages. */
    private static final class Expected {
        long events;
        long stats;
        List<Alert> alerts = new ArrayList<>();
        Map<String, SyntheticRiver.Listing> listings;
    }

    private static Expected expected(SyntheticRiver.Spec spec) {
        SyntheticRiver river = new SyntheticRiver(spec);
        Expected e = new Expected();
        for (int i = 0; i < PAGES; i++) {
            SyntheticPage p = river.next();
            e.events += p.events.size();
            e.stats += p.stats.size();
            e.alerts.addAll(p.alerts);
        }
        e.listings = new TreeMap<>(river.listings());
        return e;
    }

    private static void run(SinkOptions options, SyntheticRiver.Spec spec) throws Exception {
        StreamExecutionEnvironment env = Flink.env(Duration.ofMillis(500), 2);
        SyntheticJob.wire(env, spec, PAGES, Duration.ZERO, false, new PostgresSinks(options));
        env.execute("sinks");
    }

    @Test
    void everyTableIsWrittenIdempotentlyAndOnlyNewAlertsAreNotified() throws Exception {
        String url = TestPostgres.migratedDatabase("sinks");
        SyntheticRiver.Spec spec = new SyntheticRiver.Spec().seed(11);
        Expected expected = expected(spec);
        SinkOptions options = SinkOptions.builder(url).credentials(EmbeddedDatabase.USER, null).batch(300, 100).build();

        try (NotificationListener listener = new NotificationListener(url, "stashwatch_alerts")) {
            run(options, spec);

            assertThat(Sql.count(url, "ingest_pages")).isEqualTo(PAGES);
            assertThat(Sql.count(url, "listing_events")).isEqualTo(expected.events);
            assertThat(Sql.count(url, "price_stats")).isEqualTo(expected.stats);
            assertThat(Sql.count(url, "alerts")).isEqualTo(expected.alerts.size());
            assertThat(expected.alerts).hasSizeGreaterThan(5);
            List<List<String>> truth = expected.listings.values().stream()
                    .map(l -> List.of(l.itemId, l.stashId, String.valueOf(l.seq)))
                    .collect(Collectors.toList());
            assertThat(Sql.rows(url, "SELECT item_id, stash_id, seq FROM listings ORDER BY item_id COLLATE \"C\""))
                    .isEqualTo(truth);
            assertThat(Sql.count(url, "SELECT count(*) FROM listing_events WHERE price_chaos IS NULL")).isPositive();
            assertThat(Sql.count(url, "alert_deliveries")).as("no webhook, no outbox rows").isZero();

            listener.sync();
            List<String> first = listener.payloads();
            Set<String> notifiedIds = new HashSet<>();
            for (String payload : first) {
                JsonNode n = JSON.readTree(payload);
                notifiedIds.add(n.get("alert_id").asText());
                assertThat(n.get("kind").asText()).isIn("underpriced", "price_shift");
                assertThat(n.get("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            }
            assertThat(first).hasSize(expected.alerts.size());
            assertThat(notifiedIds).isEqualTo(expected.alerts.stream().map(a -> a.alertId).collect(Collectors.toSet()));
            Map<String, List<List<String>>> before = Sql.dump(url);

            // the same records again, as after a restore: same tables, no new notifications
            run(options, spec);
            listener.sync();
            assertThat(listener.payloads()).isEqualTo(first);
            assertThat(Sql.dump(url)).isEqualTo(before);
        }
    }

    @Test
    void theWebhookReceivesEveryAlertOnceWithItsIdAsKey() throws Exception {
        String url = TestPostgres.migratedDatabase("webhook_job");
        SyntheticRiver.Spec spec = new SyntheticRiver.Spec().seed(12);
        Expected expected = expected(spec);
        try (WebhookReceiver receiver = new WebhookReceiver(0, (key, before) -> 204)) {
            SinkOptions options = SinkOptions.builder(url).credentials(EmbeddedDatabase.USER, null).batch(300, 100)
                    .webhook(receiver.url(), Duration.ofSeconds(2), 5).build();
            run(options, spec);
            // alerts of the last batch may still be pending when the job ends; any dispatcher finishes them
            try (WebhookDispatcher after = WebhookDispatcher.start(options)) {
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                        Sql.count(url, "SELECT count(*) FROM alert_deliveries WHERE status = 'delivered'")
                                == expected.alerts.size());
            }
            List<WebhookReceiver.Request> requests = receiver.requests();
            assertThat(requests).hasSize(expected.alerts.size());
            Set<String> keys = new HashSet<>();
            for (WebhookReceiver.Request r : requests) {
                JsonNode body = JSON.readTree(r.body);
                assertThat(r.idempotencyKey).isEqualTo(body.get("alert_id").asText()).isEqualTo(r.alertIdHeader);
                assertThat(r.contentType).isEqualTo("application/json");
                keys.add(r.idempotencyKey);
            }
            assertThat(keys).isEqualTo(expected.alerts.stream().map(a -> a.alertId).collect(Collectors.toSet()));
            assertThat(Sql.count(url, "alert_deliveries")).isEqualTo(expected.alerts.size());
            assertThat(Sql.count(url, "SELECT count(*) FROM alert_deliveries WHERE last_error LIKE '%s3cret%'")).isZero();
        }
    }
}
