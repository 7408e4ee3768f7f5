package io.stashwatch.job;

import io.stashwatch.db.JdbcDrivers;
import io.stashwatch.poe.http.PoeHttp;
import org.apache.flink.util.UserCodeClassLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets go of what stashwatch's code holds JVM-wide, so that a Flink cluster can unload the job's
 * class loader when the job ends: the JDBC drivers registered in {@code DriverManager} and the
 * shared PoE HTTP client, whose threads would otherwise keep the class loader, with every class of
 * the jar, alive. Each submission (JobManager) and each job (TaskManager) gets its own class loader,
 * so without this a long-running cluster loses metaspace with every submission, upgrade and
 * restart. Started with {@code java -jar} (or from the tests' class path) stashwatch lives in the
 * application class loader and nothing is released.
 */
public final class ClassLoaderRelease {
    /** Name of the release hook (one per class loader). */
    public static final String HOOK = "stashwatch-release-jvm-resources";
    private static final Logger LOG = LoggerFactory.getLogger(ClassLoaderRelease.class);

    private ClassLoaderRelease() {
    }

    /** Runs {@link #run()} when Flink releases this job class loader; registering twice changes nothing. */
    public static void register(UserCodeClassLoader loader) {
        loader.registerReleaseHookIfAbsent(HOOK, ClassLoaderRelease::run);
    }

    /**
     * Deregisters this class loader's JDBC drivers and drops the shared PoE HTTP client (the next
     * request would create a new one), unless stashwatch runs in the application class loader.
     */
    public static void run() {
        if (ClassLoaderRelease.class.getClassLoader() == ClassLoader.getSystemClassLoader()) {
            return;
        }
        int drivers = JdbcDrivers.deregisterJobDrivers();
        PoeHttp.releaseSharedClient();
        LOG.info("Released the JVM-wide resources of this job class loader ({} JDBC driver(s), the PoE HTTP client)",
                drivers);
    }
}
