package io.stashwatch.cli;

import io.stashwatch.config.Config;
import io.stashwatch.config.Option;
import io.stashwatch.config.Options;
import io.stashwatch.db.EmbeddedDatabase;
import io.stashwatch.db.Migrations;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** {@code db}: the embedded database alone (e.g. for notebooks after a demo), until Ctrl-C. */
final class DbCommand implements Command {

    @Override
    public String name() {
        return "db";
    }

    @Override
    public String description() {
        return "Serve the embedded PostgreSQL (db.dir, db.port) for notebooks until Ctrl-C.";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(Options.DB_DIR, Options.DB_PORT);
    }

    @Override
    public int execute(Config config, PrintStream out, PrintStream err) throws Exception {
        EmbeddedDatabase db = EmbeddedDatabase.start(Path.of(config.get(Options.DB_DIR)), config.get(Options.DB_PORT),
                false);
        Migrations.apply(db.jdbcUrl(), db.user(), null);
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            db.close();
            stop.countDown();
        }, "db-shutdown"));
        out.println("Embedded PostgreSQL with the stashwatch schema, data in " + db.dataDir());
        out.println("  JDBC_URL=" + db.jdbcUrl() + " JDBC_USER=" + db.user() + "   (libpq: " + db.libpqUrl() + ")");
        out.println("Ctrl-C stops it.");
        stop.await();
        return 0;
    }
}
