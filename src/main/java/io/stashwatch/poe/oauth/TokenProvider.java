package io.stashwatch.poe.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stashwatch.poe.PoeFatalException;
import io.stashwatch.poe.PoeSettings;
import io.stashwatch.poe.http.ApiError;
import io.stashwatch.poe.http.PoeHttp;
import io.stashwatch.poe.http.PoeResponse;
import io.stashwatch.poe.http.TransientPoeException;
import io.stashwatch.poe.metrics.PoeMetrics;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Access tokens by the OAuth client-credentials grant, cached per JVM (per token endpoint, client id
 * and scopes). The credentials go in the form body only (client_secret_post), never in an HTTP Basic
 * header. A token without {@code expires_in} is kept until the API refuses it; one with an expiry is
 * replaced shortly before it. Token requests go through {@link PoeHttp}: same User-Agent, own rate
 * limit policy ("token" endpoint), same invalid-request threshold.
 */
public final class TokenProvider {
    private static final Logger LOG = LoggerFactory.getLogger(TokenProvider.class);
    private static final Map<String, TokenProvider> SHARED = new ConcurrentHashMap<>();
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String ENDPOINT = "token";

    private final PoeHttp http;
    private final PoeSettings settings;
    private AccessToken current;

    TokenProvider(PoeHttp http) {
        this.http = http;
        this.settings = http.settings();
    }

    /** The provider for these settings' token endpoint, client id and scopes, shared per JVM. */
    public static TokenProvider shared(PoeHttp http) {
        PoeSettings s = http.settings();
        String key = s.tokenUrl() + "|" + s.clientId() + "|" + String.join(" ", s.scopes());
        return SHARED.computeIfAbsent(key, k -> new TokenProvider(http));
    }

    /**
     * A valid token, fetched when there is none (or it is due). One fetch at a time.
     *
     * @throws PoeFatalException when the token endpoint refuses the credentials or scopes
     * @throws TransientPoeException when the token endpoint fails in a way a retry can fix
     */
    public synchronized AccessToken token(PoeMetrics metrics) throws IOException, InterruptedException {
        if (current == null || current.isDue(System.nanoTime())) {
            current = fetch(metrics);
        }
        return current;
    }

    /** Forgets {@code token} (the API refused it); the next {@link #token} fetches a new one. */
    public synchronized void invalidate(AccessToken token) {
        if (current == token) {
            current = null;
        }
    }

    private AccessToken fetch(PoeMetrics metrics) throws IOException, InterruptedException {
        String scope = String.join(" ", settings.scopes());
        String form = "client_id=" + enc(settings.clientId())
                + "&client_secret=" + enc(settings.clientSecret())
                + "&grant_type=client_credentials"
                + "&scope=" + enc(scope);
        HttpRequest request = http.request(settings.tokenUrl())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8))
                .build();
        long sent = System.nanoTime();
        try (PoeResponse r = http.exchange(ENDPOINT, request, metrics)) {
            byte[] body = r.readBody(1 << 20);
            metrics.bytesReceived(r.wireBytes());
            int status = r.status();
            if (status == 200) {
                return parse(body, sent);
            }
            ApiError error = ApiError.parse(body);
            String endpoint = settings.tokenUrl().toString();
            if ("invalid_scope".equals(error.oauthError())) {
                throw new PoeFatalException("The OAuth token endpoint " + endpoint + " refused the scopes '" + scope
                        + "' (" + error.describe() + "): your application must be registered for them"
                        + (settings.scopes().contains(PoeSettings.SCOPE_CXAPI)
                                ? " (set poe.currency-exchange to false if it has no service:cxapi)" : ""));
            }
            if (status == 400 || status == 401 || status == 403) {
                throw new PoeFatalException("The OAuth token endpoint " + endpoint + " refused the client credentials ("
                        + status + ", " + error.describe() + "): check poe.client-id and poe.client-secret");
            }
            throw new PoeFatalException("The OAuth token endpoint " + endpoint + " answered " + status + " ("
                    + error.describe() + "): check poe.token-url");
        }
    }

    private AccessToken parse(byte[] body, long sentNanos) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new TransientPoeException("The OAuth token endpoint sent a body that is not JSON");
        }
        JsonNode token = root == null ? null : root.get("access_token");
        if (token == null || !token.isTextual() || token.asText().isBlank()) {
            throw new PoeFatalException("The OAuth token endpoint " + settings.tokenUrl()
                    + " answered without an access_token: check poe.token-url");
        }
        JsonNode type = root.get("token_type");
        if (type != null && !type.asText().equalsIgnoreCase("bearer")) {
            throw new PoeFatalException("The OAuth token endpoint issued a '" + type.asText()
                    + "' token; only bearer tokens are supported");
        }
        JsonNode expiresIn = root.get("expires_in");
        JsonNode granted = root.get("scope");
        String scope = granted == null || granted.isNull() ? "" : granted.asText();
        boolean expires = expiresIn != null && expiresIn.isNumber();
        long refreshAt = 0;
        if (expires) {
            long seconds = Math.max(0, expiresIn.asLong());
            long early = Math.min(300, seconds / 10);
            refreshAt = sentNanos + (seconds - early) * 1_000_000_000L;
        }
        LOG.info("Obtained an OAuth access token for client {} (scope '{}', {})", settings.clientId(), scope,
                expires ? "expires in " + expiresIn.asLong() + "s" : "no expiry");
        return new AccessToken(token.asText(), scope, expires, refreshAt);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
