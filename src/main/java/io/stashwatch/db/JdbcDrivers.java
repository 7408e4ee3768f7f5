package io.stashwatch.db;

import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Releases the JDBC drivers that stashwatch's own class loader registered, when that loader is a
 * job's: on a Flink cluster the job jar gets a class loader per submission (in the JobManager or
 * the {@code flink run} client for {@code main}) and per job (in every TaskManager). The PostgreSQL
 * driver registers itself in the JVM-wide {@link DriverManager} as soon as its class is loaded, and
 * that registration keeps the whole class loader, with every class of the jar, alive after the job
 * has ended: a long-running cluster would lose metaspace with every submission and upgrade.
 * Started with {@code java -jar} (or from the tests' class path) stashwatch lives in the
 * application class loader, whose drivers are left alone.
 */
public final class JdbcDrivers {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcDrivers.class);

    private JdbcDrivers() {
    }

    /**
     * Deregisters every driver defined by this class's loader, unless that is the application
     * class loader. Call it when the job's code is done with JDBC in this JVM (after {@code main}
     * submitted the job; from a class loader release hook in a TaskManager).
     *
     * @return the number of drivers deregistered
     */
    public static int deregisterJobDrivers() {
        ClassLoader own = JdbcDrivers.class.getClassLoader();
        if (own == null || own == ClassLoader.getSystemClassLoader()) {
            return 0;
        }
        int count = 0;
        // getDrivers() lists the drivers this class's loader can see, ours among them
        for (Driver driver : Collections.list(DriverManager.getDrivers())) {
            if (driver.getClass().getClassLoader() == own) {
                try {
                    DriverManager.deregisterDriver(driver);
                    count++;
                } catch (SQLException | SecurityException e) {
                    LOG.warn("Could not deregister JDBC driver {}: {}", driver.getClass().getName(), e.toString());
                }
            }
        }
        return count;
    }
}
