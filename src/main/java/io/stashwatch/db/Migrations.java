package io.stashwatch.db;

import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies the schema (Flyway migrations in {@code src/main/resources/db/migration}) at start.
 * Idempotent: applied migrations are recorded in {@code flyway_schema_history} and skipped, and
 * concurrent starts serialise on Flyway's lock.
 */
public final class Migrations {
    /** Where the migrations live on the class path. */
    public static final String LOCATION = "classpath:db/migration";

    private Migrations() {
    }

    /**
     * Brings the schema up to date.
     *
     * @return the number of migrations applied now (0 when the schema was current)
     * @throws DatabaseException with one line naming the cause
     */
    public static int apply(String jdbcUrl, String user, String password) {
        DatabaseCheck.check(jdbcUrl, user, password);
        try {
            Flyway flyway = Flyway.configure(Migrations.class.getClassLoader())
                    .dataSource(jdbcUrl, user, password)
                    .locations(LOCATION)
                    .connectRetries(3)
                    .loggers("slf4j")
                    .load();
            MigrateResult result = flyway.migrate();
            return result.migrationsExecuted;
        } catch (FlywayException e) {
            Throwable t = e;
            while (t != null) {
                if (t instanceof SQLException && t.getCause() == null) {
                    break;
                }
                t = t.getCause();
            }
            String cause = t instanceof SQLException ? DatabaseCheck.describe((SQLException) t, jdbcUrl, user)
                    : firstLine(e.getMessage());
            throw new DatabaseException("Could not apply the database schema: " + cause, e);
        }
    }

    private static String firstLine(String m) {
        if (m == null) {
            return "unknown error";
        }
        String s = m.strip();
        int nl = s.indexOf('\n');
        return nl >= 0 ? s.substring(0, nl).trim() : s;
    }
}
