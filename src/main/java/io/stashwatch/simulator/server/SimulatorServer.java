package io.stashwatch.simulator.server;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.stashwatch.poe.ratelimit.RateWindow;
import io.stashwatch.simulator.RiverFeed;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PoE-compatible API server over a {@link RiverFeed}, as strict as the real one.
 *
 * <p>Endpoints: {@code POST /oauth/token} (client_credentials, client_secret_post only),
 * {@code GET /public-stash-tabs[/<realm>]?id=}, {@code GET /currency-exchange[/<realm>][/<hour>]},
 * {@code GET /league}, and poe.ninja's {@code GET /api/data/GetStats} (the newest available id, for
 * "start at the head").
 *
 * <p>Strictness: every API response past authentication carries the {@code X-Rate-Limit-*} headers
 * (policy, rules, limits, state); windows are enforced exactly and going over answers 429 with
 * Retry-After and restricts the client; the User-Agent must be {@code OAuth {clientId}/{version}
 * (contact: ...)}; bearer tokens and scopes are checked; HTTP Basic on the token endpoint is
 * refused. Every violation is counted ({@link #counters()}). Faults are injected at the configured
 * rate: 503 without rate-limit headers, 500 with an error body, slow responses, bodies cut off.
 *
 * <p>The river: page k becomes available at start + (k - backlog) * pace. Asking for a page not
 * available yet, or past the feed's last page, answers the same id with {@code "stashes": []}.
 */
public final class SimulatorServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatorServer.class);
    private static final Pattern USER_AGENT = Pattern.compile("^OAuth (\\S+)/(\\S+) \\(contact: ([^)]+)\\)(?: .*)?$");
    private static final Pattern HOUR = Pattern.compile("\\d+");
    private static final int CHUNK = 16 * 1024;
    /** Exchange attribute: a river request whose response has not been fully written yet. */
    private static final String UNFINISHED = "stashwatch.unfinished";

    private final SimulatorSettings settings;
    private final Map<String, RiverFeed> feeds;
    private final SimulatorCounters counters = new SimulatorCounters();
    private final WindowEnforcer enforcer = new WindowEnforcer();
    private final Map<String, TokenInfo> tokens = new ConcurrentHashMap<>();
    private final Random faultRandom;
    private final SecureRandom tokenRandom = new SecureRandom();
    private final List<RiverHit> riverLog = Collections.synchronizedList(new ArrayList<>());
    private volatile Map<String, List<RateWindow>> riverRules;
    private volatile double faultRate;
    private volatile boolean refuseTokens;
    private HttpServer server;
    private ExecutorService executor;
    private long startNanos;
    /** When the pages after the backlog started to appear (see {@link #holdLivePages()}). */
    private volatile long liveStartNanos;
    private volatile boolean liveHeld;
    private long cxStartHour;

    private record TokenInfo(String clientId, Set<String> scopes, long expiresAtNanos, boolean expires) {
    }

    /** One river request as the server saw it: arrival time (ns since start), status, id asked. */
    public record RiverHit(long atNanos, int status, String changeId) {
    }

    /** Serves {@code feed} as realm "pc". */
    public SimulatorServer(SimulatorSettings settings, RiverFeed feed) {
        this(settings, Map.of("pc", feed));
    }

    /** Serves one feed per realm. */
    public SimulatorServer(SimulatorSettings settings, Map<String, RiverFeed> feeds) {
        this.settings = settings;
        this.feeds = Map.copyOf(feeds);
        this.riverRules = settings.riverRules();
        this.faultRate = settings.faultRate();
        this.faultRandom = new Random(settings.faultSeed());
    }

    /** Binds and starts serving; the river clock starts now. */
    public synchronized SimulatorServer start() throws IOException {
        if (server != null) {
            return this;
        }
        HttpServer s = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 128);
        AtomicInteger n = new AtomicInteger();
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "simulator-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        s.setExecutor(executor);
        s.createContext("/", this::handle);
        startNanos = System.nanoTime();
        liveStartNanos = startNanos;
        cxStartHour = currentHour();
        s.start();
        server = s;
        LOG.info("PoE API simulator listening on {} ({})", baseUrl(), settings);
        return this;
    }

    /** Stops serving; requests in progress are cut. */
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** {@code http://host:port}, with the actual port. */
    public String baseUrl() {
        String host = settings.host().equals("0.0.0.0") ? "127.0.0.1" : settings.host();
        return "http://" + host + ":" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The token endpoint: {@code baseUrl() + "/oauth/token"}. */
    public String tokenUrl() {
        return baseUrl() + "/oauth/token";
    }

    /** The head lookup: {@code baseUrl() + "/api/data/GetStats"}. */
    public String headUrl() {
        return baseUrl() + "/api/data/GetStats";
    }

    public SimulatorSettings settings() {
        return settings;
    }

    /**
     * The client options that point stashwatch at this simulator (API, token and head URLs, the
     * accepted credentials, a contact), for {@code Config.withDefaults}: options the user set win.
     */
    public Map<io.stashwatch.config.Option<?>, String> clientDefaults() {
        Map<io.stashwatch.config.Option<?>, String> out = new LinkedHashMap<>();
        out.put(io.stashwatch.config.Options.POE_API_URL, baseUrl());
        out.put(io.stashwatch.config.Options.POE_TOKEN_URL, tokenUrl());
        out.put(io.stashwatch.config.Options.POE_HEAD_URL, headUrl());
        out.put(io.stashwatch.config.Options.POE_CLIENT_ID, settings.clientId());
        out.put(io.stashwatch.config.Options.POE_CLIENT_SECRET, settings.clientSecret());
        out.put(io.stashwatch.config.Options.POE_CONTACT, "demo@stashwatch.invalid");
        return out;
    }

    public SimulatorCounters counters() {
        return counters;
    }

    /** Every river request so far, in arrival order. */
    public List<RiverHit> riverLog() {
        synchronized (riverLog) {
            return new ArrayList<>(riverLog);
        }
    }

    /** Changes the river policy's rules from now on (limits may change at any time). */
    public void riverRules(Map<String, List<RateWindow>> rules) {
        this.riverRules = Collections.unmodifiableMap(new LinkedHashMap<>(rules));
    }

    /** Changes the fault rate from now on. */
    public void faultRate(double rate) {
        this.faultRate = rate;
    }

    /** While true, the API refuses every token (even fresh ones) with 401. */
    public void refuseTokens(boolean refuse) {
        this.refuseTokens = refuse;
    }

    /** Revokes every token issued so far: the next API request with one gets a 401. */
    public void revokeTokens() {
        tokens.clear();
    }

    /**
     * Stops the river after its backlog: pages after it do not appear until {@link #releaseLivePages()}.
     * Lets a benchmark have the job consume the backlog first, so the paced part starts with the job
     * at the head.
     */
    public void holdLivePages() {
        liveHeld = true;
    }

    /** Pages after the backlog appear from now on, one per pace (page backlog + 1 one pace from now). */
    public void releaseLivePages() {
        liveStartNanos = System.nanoTime();
        liveHeld = false;
    }

    /** Index of the newest page available now (capped at the feed's last page). */
    public long newestAvailableIndex(String realm) {
        RiverFeed feed = feeds.get(realm);
        long elapsed = liveHeld ? 0 : System.nanoTime() - liveStartNanos;
        long pace = settings.pace().toNanos();
        long newest = pace <= 0 && !liveHeld ? Long.MAX_VALUE : settings.backlog() + (pace <= 0 ? 0 : elapsed / pace);
        long count = feed.pageCount();
        if (count >= 0) {
            newest = Math.min(newest, count - 1);
        }
        return Math.max(newest, 0);
    }

    private boolean available(long index) {
        long pace = settings.pace().toNanos();
        if (index <= settings.backlog()) {
            return true;
        }
        if (liveHeld) {
            return false;
        }
        return pace <= 0 || System.nanoTime() - liveStartNanos >= (index - settings.backlog()) * pace;
    }

    private static long currentHour() {
        long now = System.currentTimeMillis() / 1000;
        return now - Math.floorMod(now, 3600);
    }

    // ------------------------------------------------------------------------------------ routing

    /** Thrown to make the HTTP server drop the connection in the middle of a body. */
    private static final class CutConnection extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CutConnection() {
            super("body cut off on purpose", null, false, false);
        }
    }

    private void handle(HttpExchange ex) {
        long now = System.nanoTime();
        counters.requests.incrementAndGet();
        boolean cut = false;
        try {
            String path = ex.getRequestURI().getPath();
            if (path.equals("/oauth/token")) {
                token(ex, now);
            } else if (path.equals("/api/data/GetStats") || path.equals("/api/data/getstats")) {
                stats(ex);
            } else if (path.equals("/public-stash-tabs") || path.startsWith("/public-stash-tabs/")) {
                int inProgress = counters.riverInProgress.incrementAndGet();
                counters.maxRiverInProgress.accumulateAndGet(inProgress, Math::max);
                java.util.concurrent.atomic.AtomicBoolean unfinished = new java.util.concurrent.atomic.AtomicBoolean(true);
                ex.setAttribute(UNFINISHED, unfinished);
                try {
                    api(ex, now, Endpoint.RIVER);
                } finally {
                    if (unfinished.getAndSet(false)) {
                        counters.riverInProgress.decrementAndGet();
                    }
                }
            } else if (path.equals("/currency-exchange") || path.startsWith("/currency-exchange/")) {
                api(ex, now, Endpoint.CX);
            } else if (path.equals("/league")) {
                api(ex, now, Endpoint.LEAGUE);
            } else {
                sendError(ex, 404, 1, "Resource not found");
            }
        } catch (CutConnection e) {
            cut = true;
            throw e;
        } catch (IOException e) {
            LOG.debug("Simulator response aborted: {}", e.toString());
        } catch (RuntimeException e) {
            LOG.error("Simulator failed on {}", ex.getRequestURI(), e);
            try {
                sendError(ex, 500, 4, "Internal error");
            } catch (IOException ignored) {
                // connection gone
            }
        } finally {
            if (!cut) {
                ex.close();
            }
        }
    }

    private enum Endpoint {
        RIVER(SimulatorSettings.RIVER_POLICY, "service:psapi"),
        CX(SimulatorSettings.CX_POLICY, "service:cxapi"),
        LEAGUE(SimulatorSettings.LEAGUE_POLICY, "service:leagues");

        final String policy;
        final String scope;

        Endpoint(String policy, String scope) {
            this.policy = policy;
            this.scope = scope;
        }
    }

    private Map<String, List<RateWindow>> rulesOf(Endpoint e) {
        switch (e) {
            case RIVER:
                return riverRules;
            case CX:
                return settings.cxRules();
            default:
                return settings.leagueRules();
        }
    }

    // ------------------------------------------------------------------------------------ API

    private void api(HttpExchange ex, long now, Endpoint endpoint) throws IOException {
        if (endpoint == Endpoint.RIVER) {
            counters.riverRequests.incrementAndGet();
        }
        String userAgentClient = userAgentClient(ex);
        if (userAgentClient == null && settings.strict()) {
            logRiver(endpoint, now, 403, null);
            sendError(ex, 403, 6, "Requests must identify themselves: User-Agent: OAuth {clientId}/{version} "
                    + "(contact: {contact})");
            return;
        }
        if (!ex.getRequestMethod().equals("GET")) {
            logRiver(endpoint, now, 405, null);
            sendError(ex, 405, 9, "Method not allowed");
            return;
        }
        TokenInfo token = bearer(ex, now);
        if (token == null) {
            counters.authViolations.incrementAndGet();
            logRiver(endpoint, now, 401, null);
            sendError(ex, 401, 8, "Unauthorized");
            return;
        }
        if (userAgentClient != null && !userAgentClient.equals(token.clientId())) {
            counters.userAgentViolations.incrementAndGet();
            if (settings.strict()) {
                logRiver(endpoint, now, 403, null);
                sendError(ex, 403, 6, "User-Agent names another client than the access token");
                return;
            }
        }
        Map<String, List<RateWindow>> rules = rulesOf(endpoint);
        WindowEnforcer.Decision d = enforcer.hit(endpoint.policy, rules, identities(rules, token.clientId(), ex), now);
        Headers h = ex.getResponseHeaders();
        rateLimitHeaders(h, endpoint.policy, rules, d);
        if (!d.allowed()) {
            counters.tooManyRequests.incrementAndGet();
            h.set("Retry-After", Long.toString(d.retryAfterSeconds()));
            LOG.warn("Simulator: 429 for client {} on {} (Retry-After {}s)", token.clientId(), endpoint.policy,
                    d.retryAfterSeconds());
            logRiver(endpoint, now, 429, null);
            sendError(ex, 429, 3, "Rate limit exceeded");
            return;
        }
        if (!token.scopes().contains(endpoint.scope)) {
            counters.scopeViolations.incrementAndGet();
            logRiver(endpoint, now, 403, null);
            sendError(ex, 403, 6, "Forbidden: the token lacks scope " + endpoint.scope);
            return;
        }
        Fault fault = nextFault();
        if (fault == Fault.UNAVAILABLE) {
            counters.faults503.incrementAndGet();
            for (String k : new ArrayList<>(h.keySet())) {
                h.remove(k);
            }
            logRiver(endpoint, now, 503, null);
            pause(settings.latency());
            h.set("Content-Type", "text/html");
            send(ex, 503, "<html><body>503 Service Temporarily Unavailable</body></html>"
                    .getBytes(StandardCharsets.UTF_8), false);
            return;
        }
        if (fault == Fault.INTERNAL) {
            counters.faults500.incrementAndGet();
            logRiver(endpoint, now, 500, null);
            pause(settings.latency());
            sendError(ex, 500, 4, "Internal error");
            return;
        }
        if (fault == Fault.SLOW) {
            counters.faultsSlow.incrementAndGet();
            pause(settings.slowDelay());
        }
        pause(settings.latency());
        switch (endpoint) {
            case RIVER:
                river(ex, now, fault == Fault.CUT);
                break;
            case CX:
                currencyExchange(ex, fault == Fault.CUT);
                break;
            default:
                leagues(ex, fault == Fault.CUT);
                break;
        }
    }

    private Map<String, String> identities(Map<String, List<RateWindow>> rules, String clientId, HttpExchange ex) {
        Map<String, String> out = new HashMap<>();
        for (String rule : rules.keySet()) {
            out.put(rule, rule.equalsIgnoreCase("ip") ? ex.getRemoteAddress().getAddress().getHostAddress() : clientId);
        }
        return out;
    }

    private static void rateLimitHeaders(Headers h, String policy, Map<String, List<RateWindow>> rules,
            WindowEnforcer.Decision d) {
        h.set("X-Rate-Limit-Policy", policy);
        h.set("X-Rate-Limit-Rules", String.join(",", rules.keySet()));
        for (Map.Entry<String, List<RateWindow>> r : rules.entrySet()) {
            h.set("X-Rate-Limit-" + r.getKey(), RateWindow.format(r.getValue()));
            h.set("X-Rate-Limit-" + r.getKey() + "-State", d.states().get(r.getKey()));
        }
    }

    /** The client id of a well-formed User-Agent, or null (counted as a violation). */
    private String userAgentClient(HttpExchange ex) {
        String ua = ex.getRequestHeaders().getFirst("User-Agent");
        Matcher m = ua == null ? null : USER_AGENT.matcher(ua);
        if (m == null || !m.matches() || m.group(3).isBlank()) {
            counters.userAgentViolations.incrementAndGet();
            LOG.warn("Simulator: request without the required User-Agent: {}", ua);
            return null;
        }
        return m.group(1);
    }

    private TokenInfo bearer(HttpExchange ex, long now) {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        TokenInfo t = tokens.get(auth.substring(7).trim());
        if (t == null || refuseTokens || (t.expires() && now - t.expiresAtNanos() >= 0)) {
            return null;
        }
        return t;
    }

    // ------------------------------------------------------------------------------------ river

    private void river(HttpExchange ex, long now, boolean cut) throws IOException {
        String path = ex.getRequestURI().getPath();
        String realm = path.equals("/public-stash-tabs") ? "pc" : path.substring("/public-stash-tabs/".length());
        RiverFeed feed = feeds.get(realm);
        if (feed == null || realm.contains("/")) {
            logRiver(Endpoint.RIVER, now, 404, null);
            sendError(ex, 404, 1, "Resource not found");
            return;
        }
        String id = query(ex).getOrDefault("id", "");
        long index;
        if (id.isEmpty()) {
            index = 0;
        } else {
            OptionalLong found = feed.indexOf(id);
            if (found.isEmpty()) {
                counters.badCursors.incrementAndGet();
                logRiver(Endpoint.RIVER, now, 400, id);
                sendError(ex, 400, 2, "Invalid query");
                return;
            }
            index = found.getAsLong();
        }
        long count = feed.pageCount();
        boolean head = (count >= 0 && index >= count) || !available(index);
        byte[] body;
        if (head) {
            String same = id.isEmpty() ? feed.changeId(0) : id;
            body = ("{\"next_change_id\":\"" + same + "\",\"stashes\":[]}").getBytes(StandardCharsets.UTF_8);
        } else {
            body = feed.pageJson(index);
        }
        logRiver(Endpoint.RIVER, now, 200, id);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        if (send(ex, 200, body, cut)) {
            if (head) {
                counters.headResponses.incrementAndGet();
            } else {
                counters.pagesServed.incrementAndGet();
            }
        }
    }

    private void logRiver(Endpoint e, long now, int status, String id) {
        if (e == Endpoint.RIVER) {
            riverLog.add(new RiverHit(now - startNanos, status, id));
        }
    }

    private void stats(HttpExchange ex) throws IOException {
        RiverFeed feed = feeds.containsKey("pc") ? feeds.get("pc") : feeds.values().iterator().next();
        String realm = feeds.containsKey("pc") ? "pc" : feeds.keySet().iterator().next();
        long newest = newestAvailableIndex(realm);
        String id = feed.changeId(newest);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        send(ex, 200, ("{\"id\":" + newest + ",\"next_change_id\":\"" + id + "\",\"api_bytes_downloaded\":0}")
                .getBytes(StandardCharsets.UTF_8), false);
    }

    // ------------------------------------------------------------------------------------ CX, leagues

    private void currencyExchange(HttpExchange ex, boolean cut) throws IOException {
        String rest = ex.getRequestURI().getPath().substring("/currency-exchange".length());
        List<String> parts = new ArrayList<>();
        for (String p : rest.split("/")) {
            if (!p.isEmpty()) {
                parts.add(p);
            }
        }
        String realm = "pc";
        String hourText = null;
        if (parts.size() == 1) {
            if (HOUR.matcher(parts.get(0)).matches()) {
                hourText = parts.get(0);
            } else {
                realm = parts.get(0);
            }
        } else if (parts.size() == 2) {
            realm = parts.get(0);
            hourText = parts.get(1);
        } else if (parts.size() > 2) {
            sendError(ex, 404, 1, "Resource not found");
            return;
        }
        RiverFeed feed = feeds.get(realm);
        if (feed == null) {
            sendError(ex, 404, 1, "Resource not found");
            return;
        }
        if (hourText != null && !HOUR.matcher(hourText).matches()) {
            sendError(ex, 400, 2, "Invalid query");
            return;
        }
        long hour;
        if (hourText == null) {
            hour = cxStartHour - settings.cxHistoryHours() * 3600L;
        } else {
            try {
                hour = Long.parseLong(hourText);
            } catch (NumberFormatException e) {
                sendError(ex, 400, 2, "Invalid query");
                return;
            }
            hour -= Math.floorMod(hour, 3600);
        }
        ex.getResponseHeaders().set("Content-Type", "application/json");
        if (hour >= currentHour()) {
            // The hour in progress (or later) does not exist yet: 404 with a well-formed body.
            counters.clientErrors.incrementAndGet();
            send(ex, 404, ("{\"next_change_id\":" + hour + ",\"markets\":[]}").getBytes(StandardCharsets.UTF_8), false);
            return;
        }
        byte[] body = feed.currencyExchangeJson(hour);
        if (body == null) {
            body = ("{\"next_change_id\":" + (hour + 3600) + ",\"markets\":[]}").getBytes(StandardCharsets.UTF_8);
        }
        send(ex, 200, body, cut);
    }

    private void leagues(HttpExchange ex, boolean cut) throws IOException {
        String realm = query(ex).getOrDefault("realm", "pc");
        RiverFeed feed = feeds.get(realm);
        StringBuilder sb = new StringBuilder("{\"leagues\":[");
        if (feed != null) {
            boolean first = true;
            for (String league : feed.leagues()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                sb.append("{\"id\":").append(json(league)).append(",\"realm\":").append(json(realm))
                        .append(",\"url\":").append(json("https://www.pathofexile.com/ladders/league/"
                                + league.replace(' ', '+')))
                        .append(",\"startAt\":\"2013-01-23T21:00:00Z\",\"endAt\":null,\"description\":")
                        .append(json("Simulated league " + league))
                        .append(",\"registerAt\":\"2013-01-23T21:00:00Z\",\"delveEvent\":true,\"rules\":[]}");
            }
        }
        sb.append("]}");
        ex.getResponseHeaders().set("Content-Type", "application/json");
        send(ex, 200, sb.toString().getBytes(StandardCharsets.UTF_8), cut);
    }

    // ------------------------------------------------------------------------------------ token

    private void token(HttpExchange ex, long now) throws IOException {
        counters.tokenRequests.incrementAndGet();
        if (!ex.getRequestMethod().equals("POST")) {
            sendOAuthError(ex, 405, "invalid_request", "use POST");
            return;
        }
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String uaClient = userAgentClient(ex);
        if (uaClient == null && settings.strict()) {
            sendOAuthError(ex, 400, "invalid_request", "User-Agent: OAuth {clientId}/{version} (contact: {contact})");
            return;
        }
        Map<String, List<RateWindow>> rules = settings.tokenRules();
        WindowEnforcer.Decision d = enforcer.hit(SimulatorSettings.TOKEN_POLICY, rules,
                identities(rules, "token", ex), now);
        rateLimitHeaders(ex.getResponseHeaders(), SimulatorSettings.TOKEN_POLICY, rules, d);
        if (!d.allowed()) {
            counters.tooManyRequests.incrementAndGet();
            ex.getResponseHeaders().set("Retry-After", Long.toString(d.retryAfterSeconds()));
            sendOAuthError(ex, 429, "slow_down", "too many token requests");
            return;
        }
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Basic ", 0, 6)) {
            counters.basicAuthViolations.incrementAndGet();
            sendOAuthError(ex, 401, "invalid_client", "HTTP Basic is not supported: use client_secret_post");
            return;
        }
        String contentType = ex.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            sendOAuthError(ex, 400, "invalid_request", "expected application/x-www-form-urlencoded");
            return;
        }
        Map<String, String> form = parseForm(body);
        if (!"client_credentials".equals(form.get("grant_type"))) {
            sendOAuthError(ex, 400, "unsupported_grant_type", "only client_credentials");
            return;
        }
        if (!settings.clientId().equals(form.get("client_id")) || !settings.clientSecret().equals(form.get("client_secret"))) {
            counters.authViolations.incrementAndGet();
            sendOAuthError(ex, 401, "invalid_client", "unknown client or wrong secret");
            return;
        }
        if (uaClient != null && !uaClient.equals(form.get("client_id"))) {
            counters.userAgentViolations.incrementAndGet();
            if (settings.strict()) {
                sendOAuthError(ex, 400, "invalid_request", "User-Agent names another client");
                return;
            }
        }
        Set<String> scopes = new LinkedHashSet<>();
        for (String s : form.getOrDefault("scope", "").split(" ")) {
            if (!s.isBlank()) {
                scopes.add(s);
            }
        }
        if (scopes.isEmpty() || !settings.grantableScopes().containsAll(scopes)) {
            sendOAuthError(ex, 400, "invalid_scope", "scopes not granted to this client: " + scopes);
            return;
        }
        Fault fault = nextFault();
        if (fault == Fault.UNAVAILABLE || fault == Fault.INTERNAL) {
            (fault == Fault.UNAVAILABLE ? counters.faults503 : counters.faults500).incrementAndGet();
            sendOAuthError(ex, fault == Fault.UNAVAILABLE ? 503 : 500, "server_error", "try again");
            return;
        }
        byte[] raw = new byte[20];
        tokenRandom.nextBytes(raw);
        String value = HexFormat.of().formatHex(raw);
        Duration life = settings.tokenLifetime();
        tokens.put(value, new TokenInfo(form.get("client_id"), scopes,
                life == null ? 0 : now + life.toNanos(), life != null));
        counters.tokensIssued.incrementAndGet();
        String json = "{\"access_token\":\"" + value + "\",\"expires_in\":" + (life == null ? "null" : life.toSeconds())
                + ",\"token_type\":\"bearer\",\"scope\":" + json(String.join(" ", scopes))
                + ",\"username\":\"SimulatedOwner\",\"sub\":\"00000000-0000-0000-0000-000000000000\"}";
        ex.getResponseHeaders().set("Content-Type", "application/json");
        send(ex, 200, json.getBytes(StandardCharsets.UTF_8), false);
    }

    private static Map<String, String> parseForm(String body) {
        Map<String, String> out = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    // ------------------------------------------------------------------------------------ faults

    private enum Fault { NONE, UNAVAILABLE, INTERNAL, SLOW, CUT }

    private Fault nextFault() {
        double rate = faultRate;
        if (rate <= 0) {
            return Fault.NONE;
        }
        double r;
        double kind;
        synchronized (faultRandom) {
            r = faultRandom.nextDouble();
            kind = faultRandom.nextDouble();
        }
        if (r >= rate) {
            return Fault.NONE;
        }
        counters.faults.incrementAndGet();
        if (kind < 0.35) {
            return Fault.UNAVAILABLE;
        }
        if (kind < 0.65) {
            return Fault.INTERNAL;
        }
        if (kind < 0.90) {
            return Fault.SLOW;
        }
        return Fault.CUT;
    }

    private static void pause(Duration d) {
        if (d != null && !d.isZero()) {
            try {
                Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ------------------------------------------------------------------------------------ writing

    private void sendError(HttpExchange ex, int status, int code, String message) throws IOException {
        if (status >= 400 && status < 500) {
            counters.clientErrors.incrementAndGet();
        }
        ex.getResponseHeaders().set("Content-Type", "application/json");
        send(ex, status, ("{\"error\":{\"code\":" + code + ",\"message\":" + json(message) + "}}")
                .getBytes(StandardCharsets.UTF_8), false);
    }

    private void sendOAuthError(HttpExchange ex, int status, String error, String description) throws IOException {
        if (status >= 400 && status < 500) {
            counters.clientErrors.incrementAndGet();
        }
        ex.getResponseHeaders().set("Content-Type", "application/json");
        send(ex, status, ("{\"error\":" + json(error) + ",\"error_description\":" + json(description) + "}")
                .getBytes(StandardCharsets.UTF_8), false);
    }

    /**
     * Writes a response with a fixed length, gzip when accepted, throttled to the configured bandwidth.
     * With {@code cut} only half the body is written and the connection is dropped.
     *
     * @return true when the whole body was written
     */
    private boolean send(HttpExchange ex, int status, byte[] body, boolean cut) throws IOException {
        byte[] payload = body;
        String accept = ex.getRequestHeaders().getFirst("Accept-Encoding");
        if (settings.gzip() && accept != null && accept.toLowerCase(Locale.ROOT).contains("gzip") && body.length > 256) {
            ByteArrayOutputStream bos = new ByteArrayOutputStream(body.length / 4 + 64);
            try (GZIPOutputStream gz = new GZIPOutputStream(bos, 8192)) {
                gz.write(body);
            }
            payload = bos.toByteArray();
            ex.getResponseHeaders().set("Content-Encoding", "gzip");
        }
        ex.sendResponseHeaders(status, payload.length);
        OutputStream out = ex.getResponseBody();
        int limit = cut ? payload.length / 2 : payload.length;
        long bps = settings.bytesPerSecond();
        long started = System.nanoTime();
        int written = 0;
        while (written < limit) {
            int n = Math.min(CHUNK, limit - written);
            out.write(payload, written, n);
            written += n;
            counters.bytesSent.addAndGet(n);
            if (bps > 0) {
                out.flush();
                long due = started + written * 1_000_000_000L / bps;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    try {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("simulator stopping");
                    }
                }
            }
        }
        Object unfinished = ex.getAttribute(UNFINISHED);
        if (unfinished instanceof java.util.concurrent.atomic.AtomicBoolean
                && ((java.util.concurrent.atomic.AtomicBoolean) unfinished).getAndSet(false)) {
            // Every byte is written (the client cannot have read more): no longer in progress.
            counters.riverInProgress.decrementAndGet();
        }
        if (cut) {
            counters.faultsCut.incrementAndGet();
            out.flush();
            // Leaving the handler with an exception makes the HTTP server drop the connection.
            throw new CutConnection();
        }
        out.close();
        return true;
    }

    private static String json(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    sb.append("\\\"");
                    break;
                case '\\':
                    sb.append("\\\\");
                    break;
                case '\n':
                    sb.append("\\n");
                    break;
                default:
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        return sb.append('"').toString();
    }

    private static Map<String, String> query(HttpExchange ex) {
        String q = ex.getRequestURI().getRawQuery();
        Map<String, String> out = new HashMap<>();
        if (q == null) {
            return out;
        }
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return out;
    }
}
