package io.stashwatch.sink;

import io.stashwatch.db.DatabaseCheck;
import io.stashwatch.db.DatabaseException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers alerts to the webhook from the {@code alert_deliveries} outbox: claims due rows, POSTs
 * the alert JSON (the same text NOTIFY sends) with the alert id as {@code Idempotency-Key}, and
 * records every outcome. At-least-once: a claim is a lease, so a delivery interrupted by a crash
 * is attempted again once its lease expires; receivers deduplicate on the key.
 *
 * <p>Runs in its own thread with its own connection and asynchronous HTTP, so slow or failing
 * receivers and database outages never hold up the pipeline. It wakes on {@code NOTIFY
 * stashwatch_alerts} and otherwise polls for retries that fell due. Several dispatchers may share
 * a database: claims use {@code FOR UPDATE SKIP LOCKED}.
 */
public final class WebhookDispatcher implements BackgroundService {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);

    static final String CLAIM = "WITH due AS (SELECT alert_id FROM alert_deliveries"
            + " WHERE status = 'pending' AND next_attempt_at <= clock_timestamp()"
            + " ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED)"
            + " UPDATE alert_deliveries d SET attempts = d.attempts + 1, last_attempt_at = clock_timestamp(),"
            + " next_attempt_at = clock_timestamp() + ? * interval '1 millisecond'"
            + " FROM due JOIN alerts a ON a.alert_id = due.alert_id WHERE d.alert_id = due.alert_id"
            + " RETURNING d.alert_id, d.attempts, alert_json(a)::text";
    private static final String DELIVERED = "UPDATE alert_deliveries SET status = 'delivered',"
            + " delivered_at = clock_timestamp(), last_status = ?, last_error = NULL"
            + " WHERE alert_id = ? AND status = 'pending'";
    private static final String RETRY = "UPDATE alert_deliveries SET next_attempt_at = clock_timestamp()"
            + " + ? * interval '1 millisecond', last_status = ?, last_error = ? WHERE alert_id = ? AND status = 'pending'";
    private static final String FAILED = "UPDATE alert_deliveries SET status = 'failed', last_status = ?,"
            + " last_error = ? WHERE alert_id = ? AND status = 'pending'";

    private static final int MAX_IN_FLIGHT = 16;
    private static final int POLL_MS = 200;

    private final SinkOptions options;
    private final URI target;
    private final Duration timeout;
    private final DeliveryPolicy policy;
    private final HttpClient http;
    private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Thread thread;
    private volatile boolean running = true;
    private Connection conn;

    private WebhookDispatcher(SinkOptions options) {
        this.options = options;
        this.target = options.webhookUrl();
        this.timeout = options.webhookTimeout();
        this.policy = new DeliveryPolicy(options.webhookMaxAttempts(), options.webhookBaseBackoff(),
                options.webhookMaxBackoff());
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.thread = new Thread(this::run, "stashwatch-webhook");
        this.thread.setDaemon(true);
    }

    /** Starts delivering to {@code options.webhookUrl()}. */
    public static WebhookDispatcher start(SinkOptions options) {
        if (options.webhookUrl() == null) {
            throw new IllegalArgumentException("no webhook URL");
        }
        WebhookDispatcher d = new WebhookDispatcher(options);
        d.thread.start();
        LOG.info("Delivering alerts to the webhook at {} (at most {} attempts)", d.target.getHost(),
                d.policy.maxAttempts());
        return d;
    }

    /** A factory for {@link JdbcSinkWithServices}. */
    static BackgroundService.Factory factory(SinkOptions options) {
        return () -> start(options);
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(timeout.toMillis() + 5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        long reconnectDelay = 500;
        boolean paused = false;
        while (running) {
            try {
                if (conn == null) {
                    conn = DatabaseCheck.connect(options.jdbcUrl(), options.user(), options.password());
                    try (Statement s = conn.createStatement()) {
                        s.execute("LISTEN stashwatch_alerts");
                    }
                    if (paused) {
                        LOG.info("Webhook deliveries resumed");
                    }
                    paused = false;
                    reconnectDelay = 500;
                }
                recordOutcomes();
                claimAndSend();
                conn.unwrap(PGConnection.class).getNotifications(POLL_MS);
            } catch (SQLException | DatabaseException e) {
                closeConnection();
                if (!paused) {
                    String why = e instanceof SQLException
                            ? DatabaseCheck.describe((SQLException) e, options.jdbcUrl(), options.user())
                            : e.getMessage();
                    LOG.warn("Webhook deliveries paused, retrying: {}", why);
                    paused = true;
                }
                sleep(reconnectDelay);
                reconnectDelay = Math.min(reconnectDelay * 2, 30_000);
            } catch (RuntimeException e) {
                LOG.error("Webhook dispatcher error; continuing", e);
                sleep(1_000);
            }
        }
        drain();
    }

    /**
     * On close: for up to one time-out, keep delivering what is due (the last alerts of a finished
     * job) and record what finished. Anything left stays pending for the next dispatcher.
     */
    private void drain() {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (conn != null && System.nanoTime() < deadline) {
                recordOutcomes();
                int claimed = claimAndSend();
                if (claimed == 0 && inFlight.get() == 0) {
                    break;
                }
                sleep(20);
            }
            if (conn != null) {
                recordOutcomes();
            }
        } catch (SQLException e) {
            LOG.warn("Could not record the last webhook outcomes; they will be retried: {}",
                    DatabaseCheck.describe(e, options.jdbcUrl(), options.user()));
        }
        closeConnection();
    }

    /** Claims due deliveries up to the free in-flight slots and starts them; returns how many. */
    private int claimAndSend() throws SQLException {
        int room = MAX_IN_FLIGHT - inFlight.get();
        if (room <= 0) {
            return 0;
        }
        int claimed = 0;
        long leaseMs = timeout.toMillis() + 30_000;
        try (PreparedStatement ps = conn.prepareStatement(CLAIM)) {
            ps.setInt(1, room);
            ps.setLong(2, leaseMs);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    send(rs.getString(1), rs.getInt(2), rs.getString(3));
                    claimed++;
                }
            }
        }
        return claimed;
    }

    private void send(String alertId, int attempt, String json) {
        HttpRequest request = HttpRequest.newBuilder(target)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "stashwatch")
                .header("Idempotency-Key", alertId)
                .header("X-Stashwatch-Alert-Id", alertId)
                .header("X-Stashwatch-Attempt", Integer.toString(attempt))
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build();
        inFlight.incrementAndGet();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            Outcome o = response != null
                    ? new Outcome(alertId, attempt, Optional.of(response.statusCode()),
                            DeliveryPolicy.parseRetryAfter(response.headers().firstValue("Retry-After").orElse(null)),
                            response.statusCode() >= 300 ? "HTTP " + response.statusCode() : null)
                    : new Outcome(alertId, attempt, Optional.empty(), Optional.empty(), describe(error));
            outcomes.add(o);
            inFlight.decrementAndGet();
        });
    }

    private void recordOutcomes() throws SQLException {
        Outcome o;
        while ((o = outcomes.peek()) != null) {
            record(o);
            outcomes.poll();
        }
    }

    private void record(Outcome o) throws SQLException {
        DeliveryPolicy.Decision d = policy.decide(o.attempt, o.status);
        switch (d) {
            case DELIVERED:
                try (PreparedStatement ps = conn.prepareStatement(DELIVERED)) {
                    ps.setInt(1, o.status.get());
                    ps.setString(2, o.alertId);
                    ps.executeUpdate();
                }
                break;
            case RETRY:
                try (PreparedStatement ps = conn.prepareStatement(RETRY)) {
                    ps.setLong(1, policy.backoff(o.attempt, o.retryAfter).toMillis());
                    setStatus(ps, 2, o.status);
                    ps.setString(3, o.error);
                    ps.setString(4, o.alertId);
                    ps.executeUpdate();
                }
                break;
            default:
                try (PreparedStatement ps = conn.prepareStatement(FAILED)) {
                    setStatus(ps, 1, o.status);
                    ps.setString(2, o.error);
                    ps.setString(3, o.alertId);
                    ps.executeUpdate();
                }
                LOG.warn("Webhook delivery of alert {} failed for good after {} attempt(s): {}", o.alertId,
                        o.attempt, o.error);
                break;
        }
    }

    private static void setStatus(PreparedStatement ps, int i, Optional<Integer> status) throws SQLException {
        if (status.isPresent()) {
            ps.setInt(i, status.get());
        } else {
            ps.setNull(i, Types.INTEGER);
        }
    }

    /** A short reason for a failed request that never contains the URL (it may hold a token). */
    private String describe(Throwable error) {
        Throwable t = error;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof HttpTimeoutException) {
            return "no response within " + timeout.toMillis() + " ms";
        }
        if (t instanceof ConnectException) {
            return "connection refused";
        }
        String m = t.getMessage();
        String text = t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
        text = text.replace(target.toString(), "<webhook>");
        return text.length() > 300 ? text.substring(0, 300) : text;
    }

    private void closeConnection() {
        if (conn != null) {
            try {
                conn.close();
            } catch (SQLException ignored) {
                // already broken
            }
            conn = null;
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Outcome {
        final String alertId;
        final int attempt;
        final Optional<Integer> status;
        final Optional<Duration> retryAfter;
        final String error;

        Outcome(String alertId, int attempt, Optional<Integer> status, Optional<Duration> retryAfter, String error) {
            this.alertId = alertId;
            this.attempt = attempt;
            this.status = status;
            this.retryAfter = retryAfter;
            this.error = error;
        }
    }
}
