package io.stashwatch.poe.http;

import io.stashwatch.poe.PoeFatalException;
import io.stashwatch.poe.PoeSettings;
import io.stashwatch.poe.metrics.PoeMetrics;
import io.stashwatch.poe.ratelimit.RateLimitHeaders;
import io.stashwatch.poe.ratelimit.RateLimiter;
import io.stashwatch.poe.ratelimit.RateLimiterRegistry;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way stashwatch talks to the PoE API: every request goes through here, gets the
 * User-Agent, waits for the rate limiter of its policy, is checked against the invalid-request
 * threshold, and has its response classified. Shared per JVM and application, so every river
 * fetcher, the currency and league clients and the token requests share limits.
 *
 * <p>{@link #exchange} returns 2xx and the 4xx the caller must judge (400, 404, ...); a 429 or a 5xx
 * becomes a {@link TransientPoeException}, as does any I/O failure. {@link #retrying} repeats a call
 * on those, with exponential backoff and jitter, for as long as the thread is not interrupted.
 */
public final class PoeHttp {
    private static final Logger LOG = LoggerFactory.getLogger(PoeHttp.class);
    private static final Map<PoeSettings, PoeHttp> SHARED = new ConcurrentHashMap<>();
    private static final Object CLIENT_LOCK = new Object();
    private static volatile HttpClient client;

    private final PoeSettings settings;
    private final String userAgent;
    private final RateLimiterRegistry limiters;
    private final InvalidRequestWindow invalidRequests;
    private final Backoff backoff;
    private final RateLimiter.Ticker ticker = RateLimiter.Ticker.SYSTEM;

    PoeHttp(PoeSettings settings) {
        this.settings = settings;
        this.userAgent = UserAgent.of(settings.clientId(), settings.contact());
        this.limiters = RateLimiterRegistry.shared(settings.applicationKey(), settings.rateLimitMargin().toNanos());
        this.invalidRequests = InvalidRequestWindow.shared(settings.applicationKey(), settings.invalidRequestLimit(),
                settings.invalidRequestWindow().toNanos());
        this.backoff = new Backoff(settings.backoffBase().toMillis(), settings.backoffMax().toMillis());
    }

    /** The JVM-wide HTTP client (connection pool), created on first use. */
    private static HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            synchronized (CLIENT_LOCK) {
                c = client;
                if (c == null) {
                    c = HttpClient.newBuilder()
                            .connectTimeout(Duration.ofSeconds(10))
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .build();
                    client = c;
                }
            }
        }
        return c;
    }

    /**
     * Lets go of the JVM-wide HTTP client; the next request creates a new one, requests in flight
     * finish on the old one. Java 17's {@code HttpClient} cannot be closed: its threads end once it
     * is unreachable. On a Flink cluster a client kept in this class would keep its threads, and
     * through them the job's class loader with every class of the jar, alive after the job ended;
     * so this runs when that class loader is released.
     */
    public static void releaseSharedClient() {
        synchronized (CLIENT_LOCK) {
            client = null;
        }
    }

    /** The instance for these settings, shared per JVM. */
    public static PoeHttp shared(PoeSettings settings) {
        return SHARED.computeIfAbsent(settings, PoeHttp::new);
    }

    public PoeSettings settings() {
        return settings;
    }

    /** The User-Agent sent with every request. */
    public String userAgent() {
        return userAgent;
    }

    /** The application's limiters (for tests and diagnostics). */
    public RateLimiterRegistry limiters() {
        return limiters;
    }

    /** A request builder with the User-Agent, gzip and the time-out set. */
    public HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .timeout(settings.requestTimeout())
                .header("User-Agent", userAgent)
                .header("Accept", "application/json")
                .header("Accept-Encoding", "gzip");
        if ("http".equalsIgnoreCase(uri.getScheme())) {
            b.version(HttpClient.Version.HTTP_1_1);
        }
        return b;
    }

    /**
     * Sends one request under the rate limits of {@code endpoint}'s policy.
     *
     * @param endpoint names the kind of request ("river", "token", ...); its policy is learnt from the
     *     responses
     * @return the response for 2xx and for 4xx other than 429, body still streaming
     * @throws TransientPoeException for 429, 5xx and I/O failures: retry
     * @throws PoeFatalException when the invalid-request threshold would be crossed
     */
    public PoeResponse exchange(String endpoint, HttpRequest request, PoeMetrics metrics)
            throws IOException, InterruptedException {
        invalidRequests.checkBeforeSend(ticker.nanos());
        RateLimiter limiter = limiters.forEndpoint(endpoint);
        long waitStart = ticker.nanos();
        RateLimiter.Permit permit = limiter.acquire(ticker);
        metrics.limiterWaited(ticker.nanos() - waitStart);
        metrics.requestSent();
        HttpResponse<java.util.concurrent.Flow.Publisher<java.util.List<java.nio.ByteBuffer>>> response;
        try {
            response = client().send(request, HttpResponse.BodyHandlers.ofPublisher());
        } catch (IOException e) {
            permit.fail(ticker.nanos());
            throw new TransientPoeException(describe(request) + " failed: " + describe(e), e);
        } catch (InterruptedException | RuntimeException e) {
            permit.fail(ticker.nanos());
            throw e;
        }
        long at = ticker.nanos();
        RateLimitHeaders rl = RateLimitHeaders.parse(name -> response.headers().firstValue(name).orElse(null));
        limiters.complete(endpoint, permit, rl, at);
        StreamingBody body = new StreamingBody(settings.requestTimeout().toNanos());
        response.body().subscribe(body);
        PoeResponse r = new PoeResponse(response.statusCode(), response.headers(), body, System.currentTimeMillis());
        int status = response.statusCode();
        if (status >= 400 && status < 500) {
            invalidRequests.record(at, status + " for " + request.uri().getPath());
            metrics.clientError(status);
        }
        if (status == 429) {
            metrics.rateLimited();
            ApiError error = ApiError.parse(r.readErrorBody());
            LOG.error("RATE LIMITED: the PoE API answered 429 to {} ({}; {}, Retry-After {}s). This must not "
                    + "happen: the limiter waits as told, but repeated 429s get applications revoked.",
                    describe(request), error.describe(), rl, rl.retryAfterSeconds().orElse(-1));
            throw new TransientPoeException("429 Too Many Requests for " + describe(request), true, null);
        }
        if (status >= 500) {
            ApiError error = ApiError.parse(r.readErrorBody());
            bytes(metrics, r);
            throw new TransientPoeException(status + " from " + describe(request) + " (" + error.describe() + ")");
        }
        if (status >= 300 && status < 400) {
            r.readErrorBody();
            throw new PoeFatalException("The PoE API answered " + status + " (a redirect) to " + describe(request)
                    + ": check poe.api-url and poe.token-url");
        }
        return r;
    }

    private static void bytes(PoeMetrics metrics, PoeResponse r) {
        metrics.bytesReceived(r.wireBytes());
    }

    /** A call to repeat on transient faults. */
    @FunctionalInterface
    public interface Call<T> {
        T run() throws IOException, InterruptedException;
    }

    /**
     * Runs {@code call} until it succeeds, repeating it after transient faults (I/O failures,
     * time-outs, 429, 5xx) with exponential backoff and jitter; a 429 is repeated as soon as the
     * limiter allows (it honours Retry-After). Fatal errors and interrupts end it.
     *
     * @param what names the call in log lines
     */
    public <T> T retrying(String what, PoeMetrics metrics, Call<T> call) throws IOException, InterruptedException {
        int attempt = 0;
        for (;;) {
            try {
                return call.run();
            } catch (PoeFatalException e) {
                throw e;
            } catch (InterruptedIOException e) {
                if (!(e instanceof java.net.SocketTimeoutException)) {
                    Thread.currentThread().interrupt();
                    InterruptedException ie = new InterruptedException("interrupted: " + what);
                    ie.initCause(e);
                    throw ie;
                }
                attempt = retryAfter(what, metrics, e, attempt);
            } catch (IOException e) {
                attempt = retryAfter(what, metrics, e, attempt);
            }
        }
    }

    private int retryAfter(String what, PoeMetrics metrics, IOException e, int attempt) throws InterruptedException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("interrupted: " + what);
        }
        metrics.retried();
        if (e instanceof TransientPoeException && ((TransientPoeException) e).rateLimited()) {
            LOG.warn("{}: retrying once the rate limit allows", what);
            return attempt;
        }
        long delay = backoff.delayMillis(attempt);
        LOG.warn("{} failed ({}); retry {} in {} ms", what, e.getMessage(), attempt + 1, delay);
        Thread.sleep(delay);
        return attempt + 1;
    }

    /** Status and body of a plain request. */
    public record PlainResponse(int status, byte[] body) {
    }

    /**
     * A plain GET outside the PoE API (e.g. the head lookup at poe.ninja): User-Agent, gzip and
     * time-out, but no token, no PoE rate limits and no invalid-request accounting.
     */
    public PlainResponse plainGet(URI uri) throws IOException, InterruptedException {
        HttpResponse<java.util.concurrent.Flow.Publisher<java.util.List<java.nio.ByteBuffer>>> response =
                client().send(request(uri).GET().build(), HttpResponse.BodyHandlers.ofPublisher());
        StreamingBody body = new StreamingBody(settings.requestTimeout().toNanos());
        response.body().subscribe(body);
        try (PoeResponse r = new PoeResponse(response.statusCode(), response.headers(), body,
                System.currentTimeMillis())) {
            return new PlainResponse(r.status(), r.readBody(16 << 20));
        }
    }

    static String describe(HttpRequest request) {
        URI u = request.uri();
        return request.method() + " " + u.getScheme() + "://" + u.getAuthority() + u.getRawPath()
                + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
    }

    static String describe(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }
}
