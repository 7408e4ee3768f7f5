package io.stashwatch.db;

/**
 * A database problem a user can cause or fix (unreachable server, wrong credentials, directory in
 * use). Its message is one line naming the cause, meant to be printed as is without a stack trace.
 */
public final class DatabaseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DatabaseException(String message) {
        super(message);
    }

    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
