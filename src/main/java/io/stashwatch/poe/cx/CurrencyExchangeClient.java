package io.stashwatch.poe.cx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stashwatch.poe.PoeApi;
import io.stashwatch.poe.PoeFatalException;
import io.stashwatch.poe.PoeSettings;
import io.stashwatch.poe.http.ApiError;
import io.stashwatch.poe.http.PoeResponse;
import io.stashwatch.poe.http.TransientPoeException;
import io.stashwatch.poe.metrics.PoeMetrics;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed client of {@code /currency-exchange[/<realm>][/<hour>]} (scope {@code service:cxapi}).
 * Hours are unix seconds truncated to the hour. The hour in progress is never available and
 * digests are often published a few minutes late: the API answers 404 with a well-formed body,
 * which {@link #fetch} returns as "not yet" (empty). Each such 404 still counts against the
 * invalid-request threshold, so callers ask for an hour only once it is over, and not again at once.
 * Transient faults are retried with backoff.
 */
public final class CurrencyExchangeClient {
    static final String ENDPOINT = "currency-exchange";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 64 << 20;

    private final PoeApi api;
    private final PoeMetrics metrics;

    public CurrencyExchangeClient(PoeApi api, PoeMetrics metrics) {
        this.api = api;
        this.metrics = metrics;
    }

    /** A client over the JVM-shared API of these settings, with scope {@code service:cxapi} added. */
    public static CurrencyExchangeClient create(PoeSettings settings, PoeMetrics metrics) {
        return new CurrencyExchangeClient(PoeApi.shared(settings.withScope(PoeSettings.SCOPE_CXAPI)), metrics);
    }

    /** The path of an hour's digest ({@code hour < 0}: the earliest published hour). */
    public static String path(String realm, long hour) {
        String p = "/currency-exchange" + ("pc".equals(realm) ? "" : "/" + realm);
        return hour < 0 ? p : p + "/" + (hour - Math.floorMod(hour, 3600));
    }

    /** The hour that has most recently ended at {@code epochSeconds}: the newest one that can exist. */
    public static long lastCompleteHour(long epochSeconds) {
        return epochSeconds - Math.floorMod(epochSeconds, 3600) - 3600;
    }

    /**
     * The digest of the hour starting at {@code hour}, or empty when it is not published (yet).
     *
     * @throws PoeFatalException on errors a retry cannot fix (missing scope, bad realm, threshold)
     */
    public Optional<CurrencyDigest> fetch(String realm, long hour) throws IOException, InterruptedException {
        return fetchPath(realm, path(realm, hour), hour - Math.floorMod(hour, 3600));
    }

    /**
     * The raw JSON body of the hour starting at {@code hour}, or empty when it is not published
     * (yet). Same errors as {@link #fetch}.
     */
    public Optional<byte[]> fetchBody(String realm, long hour) throws IOException, InterruptedException {
        return fetchRaw(realm, path(realm, hour));
    }

    /** The earliest published hour. */
    public CurrencyDigest fetchFirst(String realm) throws IOException, InterruptedException {
        return fetchPath(realm, path(realm, -1), -1)
                .orElseThrow(() -> new PoeFatalException("The Currency Exchange has no published hour for realm " + realm));
    }

    private Optional<CurrencyDigest> fetchPath(String realm, String path, long hour)
            throws IOException, InterruptedException {
        Optional<byte[]> body = fetchRaw(realm, path);
        return body.isPresent() ? Optional.of(parse(body.get(), hour)) : Optional.empty();
    }

    private Optional<byte[]> fetchRaw(String realm, String path) throws IOException, InterruptedException {
        URI uri = api.uri(path);
        return api.http().retrying("Currency Exchange " + path, metrics, () -> {
            PoeResponse r = api.get(ENDPOINT, uri, PoeSettings.SCOPE_CXAPI, metrics);
            byte[] body;
            try {
                body = r.readBody(MAX_BODY);
                r.finish();
            } finally {
                metrics.bytesReceived(r.wireBytes());
                r.close();
            }
            if (r.status() == 200) {
                return Optional.of(body);
            }
            if (r.status() == 404 && isDigestShaped(body)) {
                return Optional.empty();
            }
            ApiError error = ApiError.parse(body);
            throw new PoeFatalException("The Currency Exchange answered " + r.status() + " (" + error.describe()
                    + ") to " + path + (r.status() == 404 ? ": is realm '" + realm + "' right?" : ""));
        });
    }

    private static boolean isDigestShaped(byte[] body) {
        try {
            JsonNode root = JSON.readTree(body);
            return root != null && root.has("next_change_id") && root.has("markets");
        } catch (IOException e) {
            return false;
        }
    }

    /** Parses a digest body; {@code hour} is the requested hour, or -1 to derive it from next_change_id. */
    static CurrencyDigest parse(byte[] body, long hour) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new TransientPoeException("Currency Exchange digest is not JSON");
        }
        JsonNode next = root == null ? null : root.get("next_change_id");
        JsonNode markets = root == null ? null : root.get("markets");
        if (next == null || !next.canConvertToLong() || markets == null || !markets.isArray()) {
            throw new TransientPoeException("Currency Exchange digest without next_change_id or markets");
        }
        long nextHour = next.asLong();
        List<CurrencyMarket> out = new ArrayList<>();
        for (JsonNode m : markets) {
            CurrencyMarket market = market(m);
            if (market != null) {
                out.add(market);
            }
        }
        return new CurrencyDigest(hour >= 0 ? hour : nextHour - 3600, nextHour, out);
    }

    private static CurrencyMarket market(JsonNode m) {
        String league = text(m, "league");
        String id = text(m, "market_id");
        String a = null;
        String b = null;
        JsonNode pair = m.get("market_pair");
        if (pair != null && pair.isArray() && pair.size() == 2) {
            a = pair.get(0).asText();
            b = pair.get(1).asText();
        } else if (id != null && id.indexOf('|') > 0) {
            a = id.substring(0, id.indexOf('|'));
            b = id.substring(id.indexOf('|') + 1);
        }
        if (league == null || a == null || b == null) {
            return null;
        }
        return new CurrencyMarket(league, id == null ? a + "|" + b : id, a, b, amounts(m.get("volume_traded"), a, b),
                amounts(m.get("lowest_stock"), a, b), amounts(m.get("highest_stock"), a, b),
                amounts(m.get("lowest_ratio"), a, b), amounts(m.get("highest_ratio"), a, b));
    }

    private static CurrencyMarket.Amounts amounts(JsonNode node, String a, String b) {
        if (node == null || !node.isObject()) {
            return null;
        }
        double va = Double.NaN;
        double vb = Double.NaN;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals(a)) {
                va = e.getValue().asDouble(Double.NaN);
            } else if (e.getKey().equals(b)) {
                vb = e.getValue().asDouble(Double.NaN);
            }
        }
        return new CurrencyMarket.Amounts(va, vb);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
