package io.stashwatch.poe.http;

import java.io.IOException;

/** A fault that retrying (after backoff, or after the rate limiter's wait) can fix: 5xx, 429, I/O. */
public class TransientPoeException extends IOException {
    private static final long serialVersionUID = 1L;

    private final boolean rateLimited;

    public TransientPoeException(String message) {
        this(message, false, null);
    }

    public TransientPoeException(String message, Throwable cause) {
        this(message, false, cause);
    }

    public TransientPoeException(String message, boolean rateLimited, Throwable cause) {
        super(message, cause);
        this.rateLimited = rateLimited;
    }

    /** A 429: the limiter already waits as long as Retry-After says, no further backoff is needed. */
    public boolean rateLimited() {
        return rateLimited;
    }
}
