package io.stashwatch.poe.oauth;

/**
 * An OAuth access token. The value is only ever put into an Authorization header;
 * {@link #toString()} hides it.
 */
public final class AccessToken {
    private final String value;
    private final String scope;
    private final long refreshAtNanos;
    private final boolean expires;

    AccessToken(String value, String scope, boolean expires, long refreshAtNanos) {
        this.value = value;
        this.scope = scope;
        this.expires = expires;
        this.refreshAtNanos = refreshAtNanos;
    }

    /** {@code Bearer <token>}, for the Authorization header. */
    public String authorizationHeader() {
        return "Bearer " + value;
    }

    /** Scopes granted, as the token endpoint reported them (space separated; may be empty). */
    public String scope() {
        return scope;
    }

    /** True when it should be replaced at {@code nowNanos} (never, for tokens without expiry). */
    public boolean isDue(long nowNanos) {
        return expires && nowNanos - refreshAtNanos >= 0;
    }

    @Override
    public String toString() {
        return "AccessToken{scope=" + scope + (expires ? ", expiring" : ", no expiry") + ", value=<hidden>}";
    }
}
