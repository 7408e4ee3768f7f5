package io.stashwatch.simulator.server;

import io.stashwatch.config.Config;
import io.stashwatch.config.Options;
import io.stashwatch.poe.ratelimit.RateWindow;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the simulator behaves: the credentials it accepts, its rate-limit policies, how fast the river
 * grows, and how often and how it fails. Immutable; {@link #builder()} starts from demo defaults.
 */
public final class SimulatorSettings {
    /** Demo credentials the simulator accepts unless told otherwise (the simulator is local). */
    public static final String DEMO_CLIENT_ID = "stashwatch-demo";
    public static final String DEMO_CLIENT_SECRET = "stashwatch-demo-secret";

    public static final String RIVER_POLICY = "public-stash-tabs-request-limit";
    public static final String TOKEN_POLICY = "token-request-limit";
    public static final String CX_POLICY = "currency-exchange-request-limit";
    public static final String LEAGUE_POLICY = "league-request-limit";

    private final String host;
    private final int port;
    private final String clientId;
    private final String clientSecret;
    private final Set<String> grantableScopes;
    private final Map<String, List<RateWindow>> riverRules;
    private final Map<String, List<RateWindow>> tokenRules;
    private final Map<String, List<RateWindow>> cxRules;
    private final Map<String, List<RateWindow>> leagueRules;
    private final Duration pace;
    private final long backlog;
    private final double faultRate;
    private final long faultSeed;
    private final Duration latency;
    private final long bytesPerSecond;
    private final Duration slowDelay;
    private final boolean strict;
    private final Duration tokenLifetime;
    private final boolean gzip;
    private final int cxHistoryHours;

    private SimulatorSettings(Builder b) {
        host = b.host;
        port = b.port;
        clientId = b.clientId;
        clientSecret = b.clientSecret;
        grantableScopes = Set.copyOf(b.grantableScopes);
        riverRules = copy(b.riverRules);
        tokenRules = copy(b.tokenRules);
        cxRules = copy(b.cxRules);
        leagueRules = copy(b.leagueRules);
        pace = b.pace;
        backlog = b.backlog;
        faultRate = b.faultRate;
        faultSeed = b.faultSeed;
        latency = b.latency;
        bytesPerSecond = b.bytesPerSecond;
        slowDelay = b.slowDelay;
        strict = b.strict;
        tokenLifetime = b.tokenLifetime;
        gzip = b.gzip;
        cxHistoryHours = b.cxHistoryHours;
        if (faultRate < 0 || faultRate > 1) {
            throw new IllegalArgumentException("fault rate must be within 0..1");
        }
    }

    private static Map<String, List<RateWindow>> copy(Map<String, List<RateWindow>> m) {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Settings from the {@code sim.*} options: port, pace, backlog, river rate limit, fault rate and
     * latency; credentials are the demo ones unless {@code poe.client-id}/{@code poe.client-secret}
     * are set.
     */
    public static SimulatorSettings fromConfig(Config config) {
        Builder b = builder()
                .host(config.get(Options.SIM_HOST))
                .port(config.get(Options.SIM_PORT))
                .pace(config.get(Options.SIM_PACE))
                .backlog(config.get(Options.SIM_BACKLOG))
                .riverRule("client", config.get(Options.SIM_RATE_LIMIT))
                .faultRate(config.get(Options.SIM_FAULT_RATE))
                .latency(config.get(Options.SIM_LATENCY))
                .faultSeed(config.get(Options.SIM_SEED));
        String id = config.get(Options.POE_CLIENT_ID);
        String secret = config.get(Options.POE_CLIENT_SECRET);
        if (id != null && secret != null) {
            b.credentials(id, secret);
        }
        return b.build();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.host = host;
        b.port = port;
        b.clientId = clientId;
        b.clientSecret = clientSecret;
        b.grantableScopes = new java.util.LinkedHashSet<>(grantableScopes);
        b.riverRules = new LinkedHashMap<>(riverRules);
        b.tokenRules = new LinkedHashMap<>(tokenRules);
        b.cxRules = new LinkedHashMap<>(cxRules);
        b.leagueRules = new LinkedHashMap<>(leagueRules);
        b.pace = pace;
        b.backlog = backlog;
        b.faultRate = faultRate;
        b.faultSeed = faultSeed;
        b.latency = latency;
        b.bytesPerSecond = bytesPerSecond;
        b.slowDelay = slowDelay;
        b.strict = strict;
        b.tokenLifetime = tokenLifetime;
        b.gzip = gzip;
        b.cxHistoryHours = cxHistoryHours;
        return b;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String clientId() {
        return clientId;
    }

    public String clientSecret() {
        return clientSecret;
    }

    public Set<String> grantableScopes() {
        return grantableScopes;
    }

    public Map<String, List<RateWindow>> riverRules() {
        return riverRules;
    }

    public Map<String, List<RateWindow>> tokenRules() {
        return tokenRules;
    }

    public Map<String, List<RateWindow>> cxRules() {
        return cxRules;
    }

    public Map<String, List<RateWindow>> leagueRules() {
        return leagueRules;
    }

    public Duration pace() {
        return pace;
    }

    public long backlog() {
        return backlog;
    }

    public double faultRate() {
        return faultRate;
    }

    public long faultSeed() {
        return faultSeed;
    }

    public Duration latency() {
        return latency;
    }

    public long bytesPerSecond() {
        return bytesPerSecond;
    }

    public Duration slowDelay() {
        return slowDelay;
    }

    public boolean strict() {
        return strict;
    }

    /** Lifetime of issued tokens; null = {@code expires_in: null} (no expiry). */
    public Duration tokenLifetime() {
        return tokenLifetime;
    }

    public boolean gzip() {
        return gzip;
    }

    public int cxHistoryHours() {
        return cxHistoryHours;
    }

    @Override
    public String toString() {
        return "SimulatorSettings{" + host + ":" + port + ", clientId=" + clientId + ", river=" + riverRules
                + ", token=" + tokenRules + ", pace=" + pace + ", backlog=" + backlog + ", faults=" + faultRate
                + ", latency=" + latency + ", bytesPerSecond=" + bytesPerSecond + ", strict=" + strict + "}";
    }

    /** Builder; defaults are the demo's. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private String clientId = DEMO_CLIENT_ID;
        private String clientSecret = DEMO_CLIENT_SECRET;
        private Set<String> grantableScopes = new java.util.LinkedHashSet<>(
                List.of("service:psapi", "service:cxapi", "service:leagues"));
        private Map<String, List<RateWindow>> riverRules = new LinkedHashMap<>(
                Map.of("client", RateWindow.parseList(Options.SIM_RATE_LIMIT.defaultValue())));
        private Map<String, List<RateWindow>> tokenRules = new LinkedHashMap<>(
                Map.of("Ip", RateWindow.parseList("5:10:60,20:600:1800")));
        private Map<String, List<RateWindow>> cxRules = new LinkedHashMap<>(
                Map.of("client", RateWindow.parseList("5:10:60,30:300:300")));
        private Map<String, List<RateWindow>> leagueRules = new LinkedHashMap<>(
                Map.of("client", RateWindow.parseList("5:10:60")));
        private Duration pace = Options.SIM_PACE.defaultValue();
        private long backlog = Options.SIM_BACKLOG.defaultValue();
        private double faultRate;
        private long faultSeed = 1;
        private Duration latency = Duration.ZERO;
        private long bytesPerSecond;
        private Duration slowDelay = Duration.ofSeconds(2);
        private boolean strict = true;
        private Duration tokenLifetime;
        private boolean gzip = true;
        private int cxHistoryHours = 48;

        /** Address to bind; default loopback. Use 0.0.0.0 to serve other machines (docker). */
        public Builder host(String v) {
            host = v;
            return this;
        }

        /** 0 = any free port. */
        public Builder port(int v) {
            port = v;
            return this;
        }

        public Builder credentials(String id, String secret) {
            clientId = id;
            clientSecret = secret;
            return this;
        }

        public Builder grantableScopes(Set<String> v) {
            grantableScopes = new java.util.LinkedHashSet<>(v);
            return this;
        }

        /** Replaces the river policy's rules with one rule, e.g. ("client", "8:4:10,40:60:60"). */
        public Builder riverRule(String rule, String windows) {
            riverRules = new LinkedHashMap<>();
            riverRules.put(rule, RateWindow.parseList(windows));
            return this;
        }

        /** Adds a rule to the river policy (several rules apply at once). */
        public Builder addRiverRule(String rule, String windows) {
            riverRules.put(rule, RateWindow.parseList(windows));
            return this;
        }

        public Builder tokenRule(String rule, String windows) {
            tokenRules = new LinkedHashMap<>();
            tokenRules.put(rule, RateWindow.parseList(windows));
            return this;
        }

        public Builder cxRule(String rule, String windows) {
            cxRules = new LinkedHashMap<>();
            cxRules.put(rule, RateWindow.parseList(windows));
            return this;
        }

        public Builder leagueRule(String rule, String windows) {
            leagueRules = new LinkedHashMap<>();
            leagueRules.put(rule, RateWindow.parseList(windows));
            return this;
        }

        /** A new page every pace (0 = all pages available at once). */
        public Builder pace(Duration v) {
            pace = v;
            return this;
        }

        /** Pages available when the server starts. */
        public Builder backlog(long v) {
            backlog = v;
            return this;
        }

        /** Fraction of API requests answered with a fault: 503 without headers, 500, slow, cut body. */
        public Builder faultRate(double v) {
            faultRate = v;
            return this;
        }

        public Builder faultSeed(long v) {
            faultSeed = v;
            return this;
        }

        /** Added before the response headers of every API response. */
        public Builder latency(Duration v) {
            latency = v;
            return this;
        }

        /** Per-response bandwidth of bodies (0 = unlimited), so that bodies take time to arrive. */
        public Builder bytesPerSecond(long v) {
            bytesPerSecond = v;
            return this;
        }

        /** Extra delay of a "slow response" fault. */
        public Builder slowDelay(Duration v) {
            slowDelay = v;
            return this;
        }

        /** Strict: refuse bad User-Agents (not only count them). */
        public Builder strict(boolean v) {
            strict = v;
            return this;
        }

        public Builder tokenLifetime(Duration v) {
            tokenLifetime = v;
            return this;
        }

        public Builder gzip(boolean v) {
            gzip = v;
            return this;
        }

        /** How many published hours {@code /currency-exchange} has before the current one. */
        public Builder cxHistoryHours(int v) {
            cxHistoryHours = v;
            return this;
        }

        public SimulatorSettings build() {
            return new SimulatorSettings(this);
        }
    }
}
