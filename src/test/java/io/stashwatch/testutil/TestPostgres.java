package io.stashwatch.testutil;

import io.stashwatch.db.EmbeddedDatabase;
import io.stashwatch.db.Migrations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * One embedded PostgreSQL per test JVM (temporary directory, free port), with a fresh database per
 * test so tests never see each other's rows.
 */
public final class TestPostgres {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedDatabase shared;
    private static Path dir;

    private TestPostgres() {
    }

    public static synchronized EmbeddedDatabase shared() {
        if (shared == null) {
            try {
                dir = Files.createTempDirectory("stashwatch-test-pg-");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            shared = EmbeddedDatabase.start(dir.resolve("pg"), 0);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                shared.close();
                deleteTree(dir);
            }));
        }
        return shared;
    }

    /** URL of a new, empty database on the shared server. */
    public static String freshDatabase(String prefix) {
        String name = prefix.toLowerCase().replaceAll("[^a-z0-9_]", "_") + "_" + COUNTER.incrementAndGet();
        shared().createDatabase(name);
        return shared().jdbcUrl(name);
    }

    /** URL of a new database with the schema applied. */
    public static String migratedDatabase(String prefix) {
        String url = freshDatabase(prefix);
        Migrations.apply(url, EmbeddedDatabase.USER, null);
        return url;
    }

    public static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}
