package io.stashwatch.poe;

/**
 * An error that retrying cannot fix and that must stop the job with one clear line: a bad change id
 * (400 code 2), credentials refused twice, a missing scope, or the invalid-request threshold about
 * to be crossed. The message names the cause and never contains secrets.
 */
public class PoeFatalException extends java.io.IOException {
    private static final long serialVersionUID = 1L;

    public PoeFatalException(String message) {
        super(message);
    }

    public PoeFatalException(String message, Throwable cause) {
        super(message, cause);
    }
}
