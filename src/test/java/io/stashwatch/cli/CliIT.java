package io.stashwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.stashwatch.db.EmbeddedDatabase;
import io.stashwatch.testutil.DemoRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shaded jar as a user runs it: the demo end to end, and one-line failures. */
class CliIT {

    @Test
    void boundedDemoExitsZeroWithRowsInAllFiveTables() throws Exception {
        DemoRun demo = DemoRun.get();
        assertThat(demo.exitCode).as(demo.output).isZero();
        assertThat(demo.output).contains("pages").contains("Rows now:").contains("JDBC_URL=jdbc:postgresql://");
        try (EmbeddedDatabase db = EmbeddedDatabase.start(demo.dbDir, 0);
                Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), null);
                Statement st = c.createStatement()) {
            for (String table : new String[] {"ingest_pages", "listings", "listing_events", "price_stats", "alerts"}) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
                    rs.next();
                    assertThat(rs.getLong(1)).as("rows in " + table).isPositive();
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*), count(DISTINCT change_id) FROM ingest_pages")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(rs.getLong(2));
            }
        }
        try (var files = Files.walk(demo.arrowDir)) {
            assertThat(files.filter(p -> p.toString().endsWith(".arrow")).count()).isPositive();
        }
    }

    private record Outcome(int code, String output) {
    }

    private static Outcome runJar(Path workDir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Dstashwatch.log.dir=" + workDir.resolve("logs"));
        cmd.add("-jar");
        cmd.add(DemoRun.jar().toAbsolutePath().toString());
        cmd.addAll(List.of(args));
        Path log = workDir.resolve("out.txt");
        Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).isTrue();
        return new Outcome(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    @Test
    void unreachableDatabaseIsOneLineAndExitCode1(@TempDir Path dir) throws Exception {
        Outcome o = runJar(dir, "run", "--poe.client-id", "a", "--poe.client-secret", "s3cret-value",
                "--poe.contact", "a@b.c", "--jdbc.url", "jdbc:postgresql://127.0.0.1:1/stashwatch",
                "--jdbc.password", "db-pass-value");
        assertThat(o.code).isEqualTo(1);
        assertThat(o.output.strip().lines()).hasSize(1);
        assertThat(o.output).contains("127.0.0.1:1").doesNotContain("s3cret-value").doesNotContain("db-pass-value");
    }

    @Test
    void unreachableApiIsOneLineAndExitCode1(@TempDir Path dir) throws Exception {
        Outcome o = runJar(dir, "run", "--poe.client-id", "a", "--poe.client-secret", "s3cret-value",
                "--poe.contact", "a@b.c", "--poe.api-url", "http://127.0.0.1:9",
                "--poe.token-url", "http://127.0.0.1:9/oauth/token", "--db.dir", dir.resolve("pg").toString(),
                "--db.port", "0", "--web.port", "0");
        assertThat(o.code).isEqualTo(1);
        assertThat(o.output.strip().lines()).hasSize(1);
        assertThat(o.output).contains("token endpoint").doesNotContain("s3cret-value");
    }

    @Test
    void refusedCredentialsAreOneLineAndExitCode1(@TempDir Path dir) throws Exception {
        Outcome o = runJar(dir, "demo", "--poe.client-secret", "not-the-secret", "--db.dir",
                dir.resolve("pg").toString(), "--db.port", "0", "--web.port", "0", "--run.idle-timeout", "5s");
        assertThat(o.code).isEqualTo(1);
        assertThat(o.output).contains("refused the client credentials").doesNotContain("not-the-secret");
    }

    @Test
    void badOptionStopsBeforeAnythingStarts(@TempDir Path dir) throws Exception {
        Outcome o = runJar(dir, "demo", "--detect.underpriced-ratio", "2");
        assertThat(o.code).isEqualTo(2);
        assertThat(o.output.strip().lines()).hasSize(1);
        assertThat(o.output).contains("detect.underpriced-ratio");
        assertThat(dir.resolve("data")).doesNotExist();
    }
}
