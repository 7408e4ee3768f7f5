package io.stashwatch.testutil;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/** A connection that LISTENs on a channel and collects every payload with its arrival time. */
public final class NotificationListener implements AutoCloseable {
    /** One notification. */
    public static final class Received {
        public final String payload;
        public final long receivedAtMs;

        Received(String payload, long receivedAtMs) {
            this.payload = payload;
            this.receivedAtMs = receivedAtMs;
        }
    }

    private final String url;
    private final String channel;
    private final Connection conn;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    public NotificationListener(String url, String channel) throws SQLException {
        this.url = url;
        this.channel = channel;
        this.conn = Sql.connect(url);
        try (Statement s = conn.createStatement()) {
            s.execute("LISTEN " + channel);
        }
        thread = new Thread(this::run, "test-listener");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            PGConnection pg = conn.unwrap(PGConnection.class);
            while (running) {
                PGNotification[] ns = pg.getNotifications(50);
                long now = System.currentTimeMillis();
                if (ns != null) {
                    for (PGNotification n : ns) {
                        received.add(new Received(n.getParameter(), now));
                    }
                }
            }
        } catch (SQLException e) {
            if (running) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Payloads received so far, in order, without barriers. */
    public List<String> payloads() {
        List<String> out = new ArrayList<>();
        for (Received r : received) {
            if (!r.payload.startsWith("barrier:")) {
                out.add(r.payload);
            }
        }
        return out;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /**
     * Sends a barrier notification from another connection and waits until it arrives: every
     * notification committed before it has then been received too.
     */
    public void sync() {
        String token = "barrier:" + UUID.randomUUID();
        Sql.exec(url, "NOTIFY " + channel + ", '" + token + "'");
        Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> received.stream().anyMatch(r -> r.payload.equals(token)));
    }

    @Override
    public void close() throws Exception {
        running = false;
        thread.join(2000);
        conn.close();
    }
}
