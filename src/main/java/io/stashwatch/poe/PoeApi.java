package io.stashwatch.poe;

import io.stashwatch.poe.http.ApiError;
import io.stashwatch.poe.http.PoeHttp;
import io.stashwatch.poe.http.PoeResponse;
import io.stashwatch.poe.metrics.PoeMetrics;
import io.stashwatch.poe.oauth.AccessToken;
import io.stashwatch.poe.oauth.TokenProvider;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Authenticated GETs against the PoE API, shared per JVM and settings: a bearer token from
 * {@link TokenProvider} on every request; on a 401 the token is replaced once, a second 401 stops
 * with a clear error; a 403 (missing scope) stops too. Rate limits, User-Agent and the
 * invalid-request threshold are {@link PoeHttp}'s.
 */
public final class PoeApi {
    private static final Map<PoeSettings, PoeApi> SHARED = new ConcurrentHashMap<>();

    private final PoeSettings settings;
    private final PoeHttp http;
    private final TokenProvider tokens;

    private PoeApi(PoeSettings settings) {
        this.settings = settings;
        this.http = PoeHttp.shared(settings);
        this.tokens = TokenProvider.shared(http);
    }

    /** The client for these settings, shared per JVM. */
    public static PoeApi shared(PoeSettings settings) {
        return SHARED.computeIfAbsent(settings, PoeApi::new);
    }

    public PoeSettings settings() {
        return settings;
    }

    public PoeHttp http() {
        return http;
    }

    /** {@code apiUrl + path}; the path starts with '/' and is already encoded. */
    public URI uri(String pathAndQuery) {
        return URI.create(settings.apiUrl() + pathAndQuery);
    }

    /**
     * One authenticated GET, no retries (wrap it in {@link PoeHttp#retrying}).
     *
     * @param endpoint the rate-limit endpoint key, e.g. "river"
     * @param scope the scope this endpoint needs, named in the error when the API answers 403
     * @return the response for 2xx and 4xx other than 401/403/429, body still streaming
     */
    public PoeResponse get(String endpoint, URI uri, String scope, PoeMetrics metrics)
            throws IOException, InterruptedException {
        for (int attempt = 0;; attempt++) {
            AccessToken token = tokens.token(metrics);
            HttpRequest request = http.request(uri).header("Authorization", token.authorizationHeader()).GET().build();
            PoeResponse r = http.exchange(endpoint, request, metrics);
            if (r.status() == 401) {
                ApiError error = ApiError.parse(readError(r, metrics));
                tokens.invalidate(token);
                if (attempt == 0) {
                    continue;
                }
                throw new PoeFatalException("The PoE API refused a fresh access token too (401, " + error.describe()
                        + ") for " + uri.getPath() + ": the application's access may have been revoked; check "
                        + "poe.client-id and poe.client-secret");
            }
            if (r.status() == 403) {
                ApiError error = ApiError.parse(readError(r, metrics));
                throw new PoeFatalException("The PoE API refused " + uri.getPath() + " (403, " + error.describe()
                        + "): the access token lacks scope " + scope + " (granted: '" + token.scope()
                        + "'); the application must be registered for it");
            }
            return r;
        }
    }

    /** Reads a small error body and counts its bytes. */
    public static byte[] readError(PoeResponse r, PoeMetrics metrics) {
        try {
            return r.readBody(64 * 1024);
        } catch (IOException e) {
            return new byte[0];
        } finally {
            metrics.bytesReceived(r.wireBytes());
            r.close();
        }
    }
}
