package io.stashwatch.cli;

import io.stashwatch.db.DatabaseException;
import io.stashwatch.poe.PoeFatalException;
import java.net.ConnectException;
import java.sql.SQLException;

/** Turns an exception chain into the one line a user needs (no stack walls). */
final class Failures {
    private Failures() {
    }

    static String describe(Throwable error) {
        Throwable t = error;
        Throwable root = error;
        while (t != null) {
            if (t instanceof PoeFatalException || t instanceof UserFacingException || t instanceof DatabaseException
                    || t instanceof io.stashwatch.poe.PageFormatException) {
                return t.getMessage();
            }
            if (t instanceof SQLException) {
                return "database error: " + t.getMessage();
            }
            if (t instanceof ConnectException) {
                return "cannot connect: " + t.getMessage();
            }
            root = t;
            t = t.getCause() == t ? null : t.getCause();
        }
        String msg = root.getMessage();
        return root.getClass().getSimpleName() + (msg == null ? "" : ": " + msg.split("\n")[0]);
    }
}
