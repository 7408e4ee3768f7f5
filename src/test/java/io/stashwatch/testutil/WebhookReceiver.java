package io.stashwatch.testutil;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/** A local HTTP endpoint (JDK HttpServer) that records webhook requests and answers as scripted. */
public final class WebhookReceiver implements AutoCloseable {
    /** One request as received. */
    public static final class Request {
        public final String idempotencyKey;
        public final String alertIdHeader;
        public final int attemptHeader;
        public final String contentType;
        public final String body;
        public final int answered;

        Request(String idempotencyKey, String alertIdHeader, int attemptHeader, String contentType, String body,
                int answered) {
            this.idempotencyKey = idempotencyKey;
            this.alertIdHeader = alertIdHeader;
            this.attemptHeader = attemptHeader;
            this.contentType = contentType;
            this.body = body;
            this.answered = answered;
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    /**
     * @param answer status to answer, given the idempotency key and how many requests with that key
     *     came before this one (0 for the first)
     */
    public WebhookReceiver(int port, BiFunction<String, Integer, Integer> answer) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/hook", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            int before = counts.computeIfAbsent(String.valueOf(key), k -> new AtomicInteger()).getAndIncrement();
            int status = answer.apply(key, before);
            String attempt = exchange.getRequestHeaders().getFirst("X-Stashwatch-Attempt");
            requests.add(new Request(key, exchange.getRequestHeaders().getFirst("X-Stashwatch-Alert-Id"),
                    attempt == null ? -1 : Integer.parseInt(attempt),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body, status));
            exchange.sendResponseHeaders(status, -1);
            try (OutputStream ignored = exchange.getResponseBody()) {
                // empty body
            }
        });
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook?token=s3cret");
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
