package io.stashwatch.poe.http;

/**
 * The User-Agent GGG requires on every request, token requests included:
 * {@code OAuth {clientId}/{version} (contact: {contact})}. The version is the jar manifest's
 * Implementation-Version, or {@value #FALLBACK_VERSION} when running from classes.
 */
public final class UserAgent {
    public static final String FALLBACK_VERSION = "0.1.0";

    private UserAgent() {
    }

    /** The header value for this client. */
    public static String of(String clientId, String contact) {
        return "OAuth " + clientId + "/" + version() + " (contact: " + contact + ")";
    }

    /** stashwatch's version. */
    public static String version() {
        Package p = UserAgent.class.getPackage();
        String v = p == null ? null : p.getImplementationVersion();
        return v == null || v.isBlank() ? FALLBACK_VERSION : v;
    }
}
