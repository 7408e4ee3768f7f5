package io.stashwatch.testutil;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs a real standalone Flink cluster (separate JobManager and TaskManager JVMs) configured from
 * the project's {@code conf/config.yaml} and {@code conf/log4j-console.properties}, and proves the
 * two operations an operator relies on with a small stateful job ({@link CountingProbeJob}):
 * recovery from a checkpoint after a TaskManager is killed with SIGKILL, and an upgrade by stopping
 * with a savepoint and submitting again from it. Both are judged by the job's own output, whose
 * invariant breaks if state or source position is lost or rewound, and by the REST checkpoint
 * statistics. Timings are printed, not asserted.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class StandaloneFlinkClusterIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String RATE = "40";

    private static StandaloneFlinkCluster cluster;
    private static String jarId;

    @BeforeAll
    static void startCluster() throws IOException {
        long t0 = System.nanoTime();
        cluster = StandaloneFlinkCluster.builder()
                .baseConfig(Path.of("conf/config.yaml"))
                .logConfig(Path.of("conf/log4j-console.properties"))
                // the Prometheus reporter is a plugin of the Flink image, not part of the Maven classpath
                .removeKeysStartingWith("metrics.reporter.")
                .heartbeat(Duration.ofSeconds(1), Duration.ofSeconds(5))
                .start();
        report("cluster start (JobManager + 1 TaskManager registered)", t0);
        Path jar = JobJars.write(cluster.workDir().resolve("counting-probe.jar"), CountingProbeJob.class);
        long t1 = System.nanoTime();
        jarId = cluster.uploadJar(jar);
        report("jar upload", t1);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            System.out.println("[cluster] logs in " + cluster.logDir());
            cluster.close();
        }
    }

    @Test
    void configFromConfDirIsInEffect() {
        assertThat(cluster.logDir().resolve("jobmanager.log"))
                .as("conf/log4j-console.properties writes the file the web UI shows")
                .content().contains("StandaloneSessionClusterEntrypoint");
        assertThat(cluster.get("/jobmanager/config").toString())
                .contains("state.backend.type").contains("rocksdb")
                .contains("restart-strategy.type").contains("exponential-delay");
        assertThat(cluster.classpathEntries())
                .as("the cluster gets Flink and logging only, like the lib/ of the official image")
                .noneMatch(e -> e.contains("postgresql") || e.contains("flink-connector-jdbc") || e.contains("arrow")
                        || e.contains("jackson-databind"));
    }

    @Test
    void jobRecoversFromCheckpointAfterTaskManagerIsKilled() throws IOException {
        Path out = cluster.workDir().resolve("out-recovery");
        String jobId = cluster.run(jarId, List.of(out.toString(), RATE), 2);
        cluster.waitForRunning(jobId, WAIT);
        CheckpointStats before = cluster.waitForCheckpointAfter(jobId, 1, WAIT);
        assertThat(cluster.checkpoints(jobId).path("counts").path("failed").asLong()).isZero();
        assertThat(cluster.get("/jobs/" + jobId + "/checkpoints/config").path("state_backend").asText())
                .containsIgnoringCase("rocksdb");
        long maxBeforeKill = maxValue(readLines(out));
        assertThat(maxBeforeKill).isPositive();

        long killedAt = System.nanoTime();
        String killed = cluster.killTaskManager();
        String replacement = cluster.startTaskManager();
        report("new TaskManager registered after kill", killedAt);
        assertThat(replacement).isNotEqualTo(killed);

        await("restore from a checkpoint and a new checkpoint after it").atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    CheckpointStats s = cluster.checkpointStats(jobId);
                    return s.restored() > before.restored() && s.latestCompletedId() > s.restoredId()
                            && cluster.allTasksRunning(jobId);
                });
        report("recovery: kill -9 to first checkpoint completed after the restore", killedAt);
        CheckpointStats after = cluster.checkpointStats(jobId);
        assertThat(after.restoredFromSavepoint()).isFalse();
        assertThat(after.restoredId()).isGreaterThanOrEqualTo(before.latestCompletedId());

        await("records after the kill").atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> maxValue(readLines(out)) > maxBeforeKill + 20);
        report("recovery: kill -9 to records flowing past the pre-kill maximum", killedAt);
        List<long[]> lines = readLines(out);
        assertInvariant(lines);
        assertThat(attemptsIn(out)).as("the sink ran again in a new attempt after the failover").contains(1);

        cluster.cancel(jobId, WAIT);
    }

    @Test
    void stopWithSavepointAndResumeFromIt() throws IOException {
        Path first = cluster.workDir().resolve("out-before-savepoint");
        String jobId = cluster.run(jarId, List.of(first.toString(), RATE), 2);
        cluster.waitForRunning(jobId, WAIT);
        cluster.waitForCheckpointAfter(jobId, 1, WAIT);

        long t0 = System.nanoTime();
        String savepoint = cluster.stopWithSavepoint(jobId, cluster.savepointDir(), WAIT);
        report("stop with savepoint", t0);
        assertThat(Path.of(java.net.URI.create(savepoint.startsWith("file:") ? savepoint : "file:" + savepoint))
                .resolve("_metadata")).exists();
        List<long[]> before = readLines(first);
        assertInvariant(before);
        long lastBefore = maxValue(before);

        Path second = cluster.workDir().resolve("out-after-savepoint");
        long t1 = System.nanoTime();
        String resumed = cluster.run(jarId, List.of(second.toString(), RATE), 2, savepoint);
        cluster.waitForRunning(resumed, WAIT);
        report("resubmit from savepoint to all tasks running", t1);
        CheckpointStats stats = cluster.waitForCheckpointAfter(resumed, 0, WAIT);
        assertThat(stats.restoredFromSavepoint()).isTrue();
        assertThat(stripScheme(stats.restoredPath())).isEqualTo(stripScheme(savepoint));

        await("records of the resumed job").atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> readLines(second).size() >= 20);
        List<long[]> after = readLines(second);
        assertInvariant(after);
        assertThat(after.stream().mapToLong(l -> l[0]).min().orElseThrow())
                .as("the resumed source continues right after the last value before the savepoint")
                .isEqualTo(lastBefore + 1);

        cluster.cancel(resumed, WAIT);
    }

    // ------------------------------------------------------------------ helpers

    private static void assertInvariant(List<long[]> lines) {
        assertThat(lines).isNotEmpty();
        for (long[] line : lines) {
            assertThat(line[1])
                    .as("count of value %d (key %d): state and source position restored together", line[0],
                            line[0] % CountingProbeJob.KEYS)
                    .isEqualTo(line[0] / CountingProbeJob.KEYS + 1);
        }
    }

    private static long maxValue(List<long[]> lines) {
        return lines.stream().mapToLong(l -> l[0]).max().orElse(-1);
    }

    /** All complete "value,count" lines of all files in the directory. */
    private static List<long[]> readLines(Path dir) {
        List<long[]> lines = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return lines;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String content = Files.readString(f);
                int end = content.lastIndexOf('\n');
                if (end < 0) {
                    continue;
                }
                for (String line : content.substring(0, end).split("\n")) {
                    String[] parts = line.split(",");
                    lines.add(new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])});
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    private static List<Integer> attemptsIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString())
                    .map(n -> Integer.parseInt(n.replaceAll(".*-attempt-(\\d+)\\.txt", "$1")))
                    .distinct().sorted().toList();
        }
    }

    private static String stripScheme(String path) {
        return path == null ? null : path.replaceFirst("^file:(//)?", "").replaceAll("/+$", "");
    }

    private static void report(String what, long startNanos) {
        System.out.printf("[cluster] %s: %d ms%n", what, (System.nanoTime() - startNanos) / 1_000_000);
    }
}
