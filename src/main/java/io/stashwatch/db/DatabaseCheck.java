package io.stashwatch.db;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Checks before anything starts that the database is reachable and accepts the credentials, and
 * turns the driver's exceptions into one line naming the cause and the option to fix. Passwords
 * and URL parameters never appear in the messages.
 */
public final class DatabaseCheck {
    private static final int TIMEOUT_SECONDS = 10;

    private DatabaseCheck() {
    }

    /**
     * Connects once and runs {@code SELECT 1}.
     *
     * @throws DatabaseException with one line naming the cause
     */
    public static void check(String jdbcUrl, String user, String password) {
        try (Connection c = connect(jdbcUrl, user, password);
                Statement s = c.createStatement()) {
            s.setQueryTimeout(TIMEOUT_SECONDS);
            s.execute("SELECT 1");
        } catch (SQLException e) {
            throw new DatabaseException(describe(e, jdbcUrl, user), e);
        }
    }

    /**
     * Opens a connection with bounded connect and login time-outs.
     *
     * @throws SQLException as the driver reports it; {@link #describe} makes one line of it
     */
    public static Connection connect(String jdbcUrl, String user, String password) throws SQLException {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new DatabaseException("jdbc.url must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database), got "
                    + (jdbcUrl == null ? "nothing" : "'" + redact(jdbcUrl) + "'"));
        }
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("connectTimeout", String.valueOf(TIMEOUT_SECONDS));
        props.setProperty("loginTimeout", String.valueOf(TIMEOUT_SECONDS));
        props.setProperty("socketTimeout", "60");
        props.setProperty("ApplicationName", "stashwatch");
        Connection c = new org.postgresql.Driver().connect(jdbcUrl, props);
        if (c == null) {
            throw new SQLException("not a PostgreSQL URL", "08001");
        }
        return c;
    }

    /** One line for a connection or query failure. */
    public static String describe(SQLException e, String jdbcUrl, String user) {
        String where = "PostgreSQL at " + redact(jdbcUrl);
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        Throwable root = rootCause(e);
        if (root instanceof UnknownHostException) {
            return "Cannot reach " + where + " (jdbc.url): unknown host " + root.getMessage();
        }
        if (root instanceof ConnectException || root instanceof NoRouteToHostException) {
            return "Cannot reach " + where + " (jdbc.url): connection refused; is the server running?";
        }
        if (root instanceof SocketTimeoutException) {
            return "Cannot reach " + where + " (jdbc.url): no answer within " + TIMEOUT_SECONDS + " s";
        }
        switch (state) {
            case "28P01":
                return where + " rejected the password of user '" + user + "' (jdbc.user, jdbc.password)";
            case "28000":
                return where + " rejected user '" + user + "' (jdbc.user): " + serverMessage(e);
            case "3D000":
                return where + ": the database does not exist (jdbc.url); create it first";
            case "42501":
                return where + ": user '" + user + "' lacks a privilege stashwatch needs: " + serverMessage(e);
            case "53300":
                return where + " has no free connection slots: " + serverMessage(e);
            case "57P03":
                return where + " is starting up or shutting down; try again in a moment";
            default:
                if (state.startsWith("08")) {
                    return "Cannot reach " + where + " (jdbc.url): " + serverMessage(e);
                }
                return where + ": " + serverMessage(e);
        }
    }

    /** {@code host:port/database} of a JDBC URL, without user, password or other parameters. */
    public static String redact(String jdbcUrl) {
        if (jdbcUrl == null) {
            return "";
        }
        Properties p = org.postgresql.Driver.parseURL(jdbcUrl, new Properties());
        if (p == null) {
            int q = jdbcUrl.indexOf('?');
            String noQuery = q >= 0 ? jdbcUrl.substring(0, q) : jdbcUrl;
            return noQuery.replaceAll("//[^/@]*@", "//");
        }
        return p.getProperty("PGHOST", "localhost") + ":" + p.getProperty("PGPORT", "5432") + "/"
                + p.getProperty("PGDBNAME", "");
    }

    private static String serverMessage(SQLException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return (nl >= 0 ? m.substring(0, nl) : m).trim();
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
