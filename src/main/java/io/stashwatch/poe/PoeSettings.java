package io.stashwatch.poe;

import io.stashwatch.config.Config;
import io.stashwatch.config.ConfigException;
import io.stashwatch.config.Option;
import io.stashwatch.config.Options;
import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * Everything the PoE client needs, as a small immutable serialisable value: travels with the job
 * graph inside {@link PoeRiverFetcherFactory}. {@link #toString()} never shows the client secret.
 */
public final class PoeSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String SCOPE_PSAPI = "service:psapi";
    public static final String SCOPE_CXAPI = "service:cxapi";
    public static final String SCOPE_LEAGUES = "service:leagues";

    private final URI apiUrl;
    private final URI tokenUrl;
    private final String clientId;
    private final String clientSecret;
    private final String contact;
    private final URI headUrl;
    private final Duration headPollInterval;
    private final int pipelineDepth;
    private final Duration requestTimeout;
    private final int invalidRequestLimit;
    private final Duration invalidRequestWindow;
    private final Duration rateLimitMargin;
    private final Duration backoffBase;
    private final Duration backoffMax;
    private final List<String> scopes;

    private PoeSettings(Builder b) {
        this.apiUrl = stripSlash(Objects.requireNonNull(b.apiUrl, "apiUrl"));
        this.tokenUrl = Objects.requireNonNull(b.tokenUrl, "tokenUrl");
        this.clientId = requireText(b.clientId, Options.POE_CLIENT_ID);
        this.clientSecret = requireText(b.clientSecret, Options.POE_CLIENT_SECRET);
        this.contact = requireText(b.contact, Options.POE_CONTACT);
        this.headUrl = b.headUrl;
        this.headPollInterval = Objects.requireNonNull(b.headPollInterval);
        this.pipelineDepth = b.pipelineDepth;
        this.requestTimeout = Objects.requireNonNull(b.requestTimeout);
        this.invalidRequestLimit = b.invalidRequestLimit;
        this.invalidRequestWindow = Objects.requireNonNull(b.invalidRequestWindow);
        this.rateLimitMargin = Objects.requireNonNull(b.rateLimitMargin);
        this.backoffBase = Objects.requireNonNull(b.backoffBase);
        this.backoffMax = Objects.requireNonNull(b.backoffMax);
        this.scopes = List.copyOf(new LinkedHashSet<>(b.scopes));
        if (pipelineDepth < 1) {
            throw new IllegalArgumentException("pipeline depth must be at least 1");
        }
        if (clientId.chars().anyMatch(Character::isWhitespace)) {
            throw new ConfigException("Option poe.client-id must not contain spaces (it goes into the User-Agent)");
        }
    }

    private static String requireText(String value, Option<?> option) {
        if (value == null || value.isBlank()) {
            throw new ConfigException("Option " + option.name() + " is required to talk to the PoE API: set "
                    + option.flag() + ", " + option.envName() + " or " + option.name() + ": in the config file");
        }
        return value.trim();
    }

    private static URI stripSlash(URI uri) {
        String s = uri.toString();
        return s.endsWith("/") ? URI.create(s.substring(0, s.length() - 1)) : uri;
    }

    /**
     * Settings from the job configuration: the {@code poe.*} options. Scopes: {@code service:psapi},
     * plus {@code service:cxapi} when {@code poe.currency-exchange} is on.
     *
     * @throws ConfigException naming the option when client id, secret or contact is missing
     */
    public static PoeSettings fromConfig(Config config) {
        Builder b = builder()
                .apiUrl(config.get(Options.POE_API_URL))
                .tokenUrl(config.get(Options.POE_TOKEN_URL))
                .clientId(config.get(Options.POE_CLIENT_ID))
                .clientSecret(config.get(Options.POE_CLIENT_SECRET))
                .contact(config.get(Options.POE_CONTACT))
                .headUrl(config.get(Options.POE_HEAD_URL))
                .headPollInterval(config.get(Options.POE_HEAD_POLL_INTERVAL))
                .pipelineDepth(config.get(Options.POE_PIPELINE_DEPTH))
                .requestTimeout(config.get(Options.POE_REQUEST_TIMEOUT))
                .invalidRequestLimit(config.get(Options.POE_INVALID_REQUEST_LIMIT))
                .invalidRequestWindow(config.get(Options.POE_INVALID_REQUEST_WINDOW))
                .rateLimitMargin(config.get(Options.POE_RATE_LIMIT_MARGIN));
        if (Boolean.TRUE.equals(config.get(Options.POE_CURRENCY_EXCHANGE))) {
            b.scope(SCOPE_CXAPI);
        }
        return b.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings, to change some. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.apiUrl = apiUrl;
        b.tokenUrl = tokenUrl;
        b.clientId = clientId;
        b.clientSecret = clientSecret;
        b.contact = contact;
        b.headUrl = headUrl;
        b.headPollInterval = headPollInterval;
        b.pipelineDepth = pipelineDepth;
        b.requestTimeout = requestTimeout;
        b.invalidRequestLimit = invalidRequestLimit;
        b.invalidRequestWindow = invalidRequestWindow;
        b.rateLimitMargin = rateLimitMargin;
        b.backoffBase = backoffBase;
        b.backoffMax = backoffMax;
        b.scopes = new ArrayList<>(scopes);
        return b;
    }

    /** These settings with one more OAuth scope, e.g. {@link #SCOPE_LEAGUES} for the league client. */
    public PoeSettings withScope(String scope) {
        return scopes.contains(scope) ? this : toBuilder().scope(scope).build();
    }

    public URI apiUrl() {
        return apiUrl;
    }

    public URI tokenUrl() {
        return tokenUrl;
    }

    public String clientId() {
        return clientId;
    }

    /** The client secret: only for the token request body. Never log it. */
    public String clientSecret() {
        return clientSecret;
    }

    public String contact() {
        return contact;
    }

    /** Where "head" is looked up; null when not configured. */
    public URI headUrl() {
        return headUrl;
    }

    public Duration headPollInterval() {
        return headPollInterval;
    }

    public int pipelineDepth() {
        return pipelineDepth;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    public int invalidRequestLimit() {
        return invalidRequestLimit;
    }

    public Duration invalidRequestWindow() {
        return invalidRequestWindow;
    }

    public Duration rateLimitMargin() {
        return rateLimitMargin;
    }

    public Duration backoffBase() {
        return backoffBase;
    }

    public Duration backoffMax() {
        return backoffMax;
    }

    /** OAuth scopes requested, {@code service:psapi} first. */
    public List<String> scopes() {
        return scopes;
    }

    /** Identifies the application for the per-JVM shared limiters and invalid-request window. */
    public String applicationKey() {
        return apiUrl + "|" + clientId;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PoeSettings)) {
            return false;
        }
        PoeSettings s = (PoeSettings) o;
        return pipelineDepth == s.pipelineDepth && invalidRequestLimit == s.invalidRequestLimit
                && apiUrl.equals(s.apiUrl) && tokenUrl.equals(s.tokenUrl) && clientId.equals(s.clientId)
                && clientSecret.equals(s.clientSecret) && contact.equals(s.contact)
                && Objects.equals(headUrl, s.headUrl) && headPollInterval.equals(s.headPollInterval)
                && requestTimeout.equals(s.requestTimeout) && invalidRequestWindow.equals(s.invalidRequestWindow)
                && rateLimitMargin.equals(s.rateLimitMargin) && backoffBase.equals(s.backoffBase)
                && backoffMax.equals(s.backoffMax) && scopes.equals(s.scopes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(apiUrl, tokenUrl, clientId, contact, headUrl, pipelineDepth, scopes);
    }

    @Override
    public String toString() {
        return "PoeSettings{api=" + apiUrl + ", token=" + tokenUrl + ", clientId=" + clientId
                + ", clientSecret=<hidden>, contact=" + contact + ", head=" + headUrl + ", headPoll="
                + headPollInterval + ", pipelineDepth=" + pipelineDepth + ", timeout=" + requestTimeout
                + ", invalidRequests=" + invalidRequestLimit + "/" + invalidRequestWindow + ", margin="
                + rateLimitMargin + ", scopes=" + scopes + "}";
    }

    /** Builder with the defaults of {@link Options}; client id, secret and contact are required. */
    public static final class Builder {
        private URI apiUrl = Options.POE_API_URL.defaultValue();
        private URI tokenUrl = Options.POE_TOKEN_URL.defaultValue();
        private String clientId;
        private String clientSecret;
        private String contact;
        private URI headUrl = Options.POE_HEAD_URL.defaultValue();
        private Duration headPollInterval = Options.POE_HEAD_POLL_INTERVAL.defaultValue();
        private int pipelineDepth = Options.POE_PIPELINE_DEPTH.defaultValue();
        private Duration requestTimeout = Options.POE_REQUEST_TIMEOUT.defaultValue();
        private int invalidRequestLimit = Options.POE_INVALID_REQUEST_LIMIT.defaultValue();
        private Duration invalidRequestWindow = Options.POE_INVALID_REQUEST_WINDOW.defaultValue();
        private Duration rateLimitMargin = Options.POE_RATE_LIMIT_MARGIN.defaultValue();
        private Duration backoffBase = Duration.ofMillis(500);
        private Duration backoffMax = Duration.ofMinutes(2);
        private List<String> scopes = new ArrayList<>(List.of(SCOPE_PSAPI));

        public Builder apiUrl(URI v) {
            apiUrl = v;
            return this;
        }

        public Builder tokenUrl(URI v) {
            tokenUrl = v;
            return this;
        }

        public Builder clientId(String v) {
            clientId = v;
            return this;
        }

        public Builder clientSecret(String v) {
            clientSecret = v;
            return this;
        }

        public Builder contact(String v) {
            contact = v;
            return this;
        }

        public Builder headUrl(URI v) {
            headUrl = v;
            return this;
        }

        public Builder headPollInterval(Duration v) {
            headPollInterval = v;
            return this;
        }

        public Builder pipelineDepth(int v) {
            pipelineDepth = v;
            return this;
        }

        public Builder requestTimeout(Duration v) {
            requestTimeout = v;
            return this;
        }

        public Builder invalidRequestLimit(int v) {
            invalidRequestLimit = v;
            return this;
        }

        public Builder invalidRequestWindow(Duration v) {
            invalidRequestWindow = v;
            return this;
        }

        public Builder rateLimitMargin(Duration v) {
            rateLimitMargin = v;
            return this;
        }

        /** Backoff of transient faults: first retry after base/2..base, doubling up to max. */
        public Builder backoff(Duration base, Duration max) {
            backoffBase = base;
            backoffMax = max;
            return this;
        }

        public Builder scope(String scope) {
            if (!scopes.contains(scope)) {
                scopes.add(scope);
            }
            return this;
        }

        public Builder scopes(List<String> v) {
            scopes = new ArrayList<>(v);
            return this;
        }

        public PoeSettings build() {
            return new PoeSettings(this);
        }
    }
}
