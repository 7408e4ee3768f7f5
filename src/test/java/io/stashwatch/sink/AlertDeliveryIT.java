package io.stashwatch.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stashwatch.db.EmbeddedDatabase;
import io.stashwatch.model.Alert;
import io.stashwatch.model.AlertKind;
import io.stashwatch.testutil.NotificationListener;
import io.stashwatch.testutil.Sql;
import io.stashwatch.testutil.TestPostgres;
import io.stashwatch.testutil.WebhookReceiver;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** NOTIFY and webhook delivery, with the sink's alert statement and a real HTTP endpoint. */
class AlertDeliveryIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void notifyFiresOncePerNewAlertInTheInsertTransaction() throws Exception {
        String url = TestPostgres.migratedDatabase("notify");
        try (NotificationListener listener = new NotificationListener(url, "stashwatch_alerts")) {
            insert(url, false, List.of(alert("a1", 40), alert("a2", 50)));
            insert(url, false, List.of(alert("a1", 40), alert("a2", 50), alert("a3", 60)));
            insert(url, false, List.of(alert("a3", 60)));
            listener.sync();
            List<String> ids = listener.payloads().stream().map(p -> {
                try {
                    return JSON.readTree(p).get("alert_id").asText();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).collect(java.util.stream.Collectors.toList());
            assertThat(ids).containsExactly("a1", "a2", "a3");
            var first = JSON.readTree(listener.payloads().get(0));
            assertThat(first.get("price_chaos").asDouble()).isEqualTo(40.0);
            assertThat(first.get("reference_chaos").asDouble()).isEqualTo(100.0);
            assertThat(first.get("item_key").asText()).isEqualTo("Mageblood Heavy Belt");
            assertThat(first.get("created_at").asText()).isEqualTo("2025-01-01T00:00:05.000Z");
        }
        assertThat(Sql.count(url, "alert_deliveries")).as("sessions without webhook queue nothing").isZero();
    }

    @Test
    void failingDeliveriesAreRetriedWithBackoffAndPermanentFailuresRecorded() throws Exception {
        String url = TestPostgres.migratedDatabase("webhook");
        try (WebhookReceiver receiver = new WebhookReceiver(0, (key, before) -> {
            switch (key) {
                case "flaky":
                    return before < 2 ? 503 : 200;
                case "throttled":
                    return before < 1 ? 429 : 202;
                case "broken":
                    return 500;
                default:
                    return 400;
            }
        })) {
            SinkOptions options = options(url, receiver.url().toString(), 3);
            try (WebhookDispatcher d = WebhookDispatcher.start(options)) {
                insert(url, true, List.of(alert("flaky", 10), alert("throttled", 11), alert("broken", 12),
                        alert("rejected", 13)));
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                        Sql.count(url, "SELECT count(*) FROM alert_deliveries WHERE status = 'pending'") == 0);
            }
            assertThat(Sql.rows(url, "SELECT alert_id, status, attempts, last_status, last_error IS NULL"
                    + " FROM alert_deliveries ORDER BY alert_id")).containsExactly(
                    List.of("broken", "failed", "3", "500", "f"),
                    List.of("flaky", "delivered", "3", "200", "t"),
                    List.of("rejected", "failed", "1", "400", "f"),
                    List.of("throttled", "delivered", "2", "202", "t"));
            List<WebhookReceiver.Request> flaky = receiver.requests().stream()
                    .filter(r -> r.idempotencyKey.equals("flaky")).collect(java.util.stream.Collectors.toList());
            assertThat(flaky).extracting(r -> r.attemptHeader).containsExactly(1, 2, 3);
            assertThat(flaky).extracting(r -> r.body).containsOnly(flaky.get(0).body);
            assertThat(JSON.readTree(flaky.get(0).body).get("alert_id").asText()).isEqualTo("flaky");
        }
    }

    @Test
    void anUnreachableReceiverIsRetriedUntilItComesUp() throws Exception {
        String url = TestPostgres.migratedDatabase("webhook_down");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        SinkOptions options = options(url, "http://127.0.0.1:" + port + "/hook", 20);
        try (WebhookDispatcher d = WebhookDispatcher.start(options)) {
            insert(url, true, List.of(alert("late", 10)));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                    Sql.count(url, "SELECT attempts FROM alert_deliveries WHERE alert_id = 'late'") >= 2);
            assertThat(Sql.rows(url, "SELECT status, last_status, last_error FROM alert_deliveries"))
                    .containsExactly(List.of("pending", "null", "connection refused"));
            try (WebhookReceiver receiver = new WebhookReceiver(port, (key, before) -> 200)) {
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                        Sql.count(url, "SELECT count(*) FROM alert_deliveries WHERE status = 'delivered'") == 1);
                assertThat(receiver.requests()).hasSize(1);
            }
        }
    }

    @Test
    void deliveriesSurviveADispatcherRestart() throws Exception {
        String url = TestPostgres.migratedDatabase("webhook_restart");
        insert(url, true, List.of(alert("queued1", 10), alert("queued2", 11)));
        assertThat(Sql.rows(url, "SELECT status, attempts FROM alert_deliveries ORDER BY alert_id"))
                .containsExactly(List.of("pending", "0"), List.of("pending", "0"));
        try (WebhookReceiver receiver = new WebhookReceiver(0, (key, before) -> 200);
                WebhookDispatcher d = WebhookDispatcher.start(options(url, receiver.url().toString(), 3))) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                    Sql.count(url, "SELECT count(*) FROM alert_deliveries WHERE status = 'delivered'") == 2);
            assertThat(receiver.requests()).extracting(r -> r.idempotencyKey)
                    .containsExactlyInAnyOrder("queued1", "queued2");
        }
    }

    private static SinkOptions options(String url, String hook, int attempts) {
        return SinkOptions.builder(url).credentials(EmbeddedDatabase.USER, null)
                .webhook(java.net.URI.create(hook), Duration.ofSeconds(2), attempts)
                .webhookBackoff(Duration.ofMillis(50), Duration.ofMillis(400))
                .build();
    }

    static Alert alert(String id, double price) {
        Alert a = new Alert();
        a.alertId = id;
        a.kind = AlertKind.UNDERPRICED;
        a.realm = "pc";
        a.league = "Standard";
        a.itemKey = "Mageblood Heavy Belt";
        a.itemId = "item-" + id;
        a.stashId = "stash-1";
        a.accountName = "seller";
        a.name = "Mageblood";
        a.note = "~price " + price + " chaos";
        a.priceAmount = price;
        a.priceCurrency = "chaos";
        a.priceChaos = price;
        a.referenceChaos = 100;
        a.samples = 9;
        a.changeId = "c5";
        a.seq = 5;
        a.riverTime = 1_735_689_605_000L;
        a.fetchedAt = 1_735_689_605_100L;
        return a;
    }

    /** One batch through the sink's statement, in a session like the sink's (webhook on or off). */
    static void insert(String url, boolean webhookSession, List<Alert> alerts) {
        Properties p = new Properties();
        p.setProperty("reWriteBatchedInserts", "true");
        if (webhookSession) {
            p.setProperty("options", "-c stashwatch.webhook=on");
        }
        AlertStatement st = new AlertStatement();
        try (Connection c = Sql.connect(url, p); PreparedStatement ps = c.prepareStatement(st.query())) {
            for (Alert a : alerts) {
                st.statement(ps, a);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
