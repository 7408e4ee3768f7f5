package io.stashwatch.testutil;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One bounded demo run of the shaded jar, exactly as a user runs it (plus private directories and
 * free ports), shared by the tests of one JVM: the CLI test checks it, the notebook test reads its
 * database and Arrow files.
 */
public final class DemoRun {
    private static DemoRun instance;

    public final Path dir;
    public final Path dbDir;
    public final Path arrowDir;
    public final int exitCode;
    public final String output;

    private DemoRun(Path dir, Path dbDir, Path arrowDir, int exitCode, String output) {
        this.dir = dir;
        this.dbDir = dbDir;
        this.arrowDir = arrowDir;
        this.exitCode = exitCode;
        this.output = output;
    }

    /** The shaded jar under test (built by the package phase before integration tests). */
    public static Path jar() {
        String p = System.getProperty("stashwatch.jar", "target/stashwatch.jar");
        Path jar = Path.of(p);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The shaded jar " + jar + " is missing: run `mvn package` first");
        }
        return jar;
    }

    /** Runs {@code demo --run.idle-timeout 10s} once per JVM and returns its outcome. */
    public static synchronized DemoRun get() throws IOException, InterruptedException {
        if (instance == null) {
            Path dir = Path.of("target", "it-demo").toAbsolutePath();
            deleteRecursively(dir);
            Files.createDirectories(dir);
            Path db = dir.resolve("pg");
            Path arrow = dir.resolve("arrow");
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.add("-Dstashwatch.log.dir=" + dir.resolve("logs"));
            cmd.add("-jar");
            cmd.add(jar().toAbsolutePath().toString());
            cmd.add("demo");
            cmd.add("--run.idle-timeout");
            cmd.add("10s");
            cmd.add("--db.dir");
            cmd.add(db.toString());
            cmd.add("--db.port");
            cmd.add("0");
            cmd.add("--web.port");
            cmd.add("0");
            cmd.add("--arrow.dir");
            cmd.add(arrow.toString());
            Path log = dir.resolve("demo-output.txt");
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!p.waitFor(8, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("demo did not finish within 8 minutes; output in " + log);
            }
            instance = new DemoRun(dir, db, arrow, p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        }
        return instance;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
