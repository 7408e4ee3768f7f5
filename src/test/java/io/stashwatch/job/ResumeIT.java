package io.stashwatch.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.stashwatch.config.Options;
import io.stashwatch.db.EmbeddedDatabase;
import io.stashwatch.testutil.Flink;
import io.stashwatch.testutil.Sql;
import io.stashwatch.testutil.TestPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resume across processes: {@code java -jar stashwatch.jar run --state.dir D --run.idle-timeout ...}
 * against a paced simulator is killed with SIGKILL in the middle of the river, after a checkpoint
 * reached D, and started again with the same D. The second process resumes from the retained
 * checkpoint: ingest_pages has every page exactly once, in chain order, and every table (wall-clock
 * columns aside) and Arrow file equals those of an uninterrupted run. The first process runs at
 * parallelism 1, where the stash deltas are chained into the source task, the second at 2, where
 * the snapshots are shuffled by stash id: the keyed state restores across the change.
 *
 * <p>The kill point comes from a seed printed at the start; rerun with
 * {@code -Dstashwatch.kill-seed=<seed>} to repeat it.
 */
class ResumeIT {
    private static final long MARKET_SEED = 41;
    private static final int PAGES = 160;
    private static final int STASHES = 20;
    private static final Duration PACE = Duration.ofMillis(100);

    @RegisterExtension
    static final MiniClusterExtension FLINK = Flink.miniCluster();

    @Test
    void aKilledRunResumesFromItsLastCheckpointWithEveryPageOnce(@TempDir Path tmp) throws Exception {
        Path jar = Path.of(System.getProperty("stashwatch.jar", "target/stashwatch.jar"));
        assertThat(jar).as("the shaded jar (built in the package phase)").isRegularFile();
        long seed = Long.getLong("stashwatch.kill-seed", System.nanoTime());
        int killAt = 20 + new Random(seed).nextInt(40);
        System.out.println("ResumeIT kill seed " + seed + " (rerun with -Dstashwatch.kill-seed=" + seed + "): kill after "
                + killAt + " pages");

        long t0 = System.nanoTime();
        // The uninterrupted run, in this JVM.
        String reference = TestPostgres.migratedDatabase("resume_reference");
        try (MarketRiver river = MarketRiver.start(MARKET_SEED, PAGES, STASHES, Duration.ZERO, 0)) {
            Map<String, String> options = options(river, tmp.resolve("arrow-reference"));
            ProductionJob.submit(ProductionJob.config(options, reference), UnaryOperator.identity(), "reference")
                    .getJobExecutionResult().get(3, TimeUnit.MINUTES);
        }

        long t1 = System.nanoTime();
        // The same river, paced, followed by a process that is killed and started again.
        String resumed = TestPostgres.freshDatabase("resumed");
        Path stateDir = tmp.resolve("state");
        StateDirectory state = new StateDirectory(stateDir);
        try (MarketRiver river = MarketRiver.start(MARKET_SEED, PAGES, STASHES, PACE, 0)) {
            List<String> args = new ArrayList<>();
            options(river, tmp.resolve("arrow-resumed")).forEach((k, v) -> {
                args.add("--" + k);
                args.add(v);
            });
            args.addAll(List.of("--jdbc.url", resumed, "--jdbc.user", EmbeddedDatabase.USER,
                    "--state.dir", stateDir.toString(), "--web.port", "0"));

            Path firstLog = tmp.resolve("first.out");
            // The first process at parallelism 1 (stash deltas chained into the source task), the second
            // at 2 (snapshots shuffled by stash id): the checkpoint restores across the change.
            Process first = start(jar, withParallelism(args, 1), firstLog, tmp.resolve("logs-first"));
            try {
                Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                        .until(() -> {
                            if (!first.isAlive()) {
                                throw new AssertionError("the first run ended by itself (exit " + first.exitValue()
                                        + "): " + read(firstLog));
                            }
                            return Sql.count(resumed, "ingest_pages") >= killAt && state.latest().isPresent();
                        });
            } catch (RuntimeException | AssertionError e) {
                first.destroyForcibly().waitFor();
                throw new AssertionError("the first run did not get going: " + read(firstLog), e);
            }
            first.destroyForcibly();
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            long atKill = Sql.count(resumed, "ingest_pages");
            long t2 = System.nanoTime();
            System.out.printf("ResumeIT: reference run %d s; first process killed after %d s with %d pages written;"
                    + " resuming from %s%n", TimeUnit.NANOSECONDS.toSeconds(t1 - t0), TimeUnit.NANOSECONDS.toSeconds(t2 - t1),
                    atKill, state.latest().orElseThrow());
            assertThat(atKill).as("pages written when the first run was killed").isLessThan(PAGES);
            int requestsBefore = river.server.riverLog().size();

            Path secondLog = tmp.resolve("second.out");
            Process second = start(jar, withParallelism(args, 2), secondLog, tmp.resolve("logs-second"));
            boolean ended = second.waitFor(3, TimeUnit.MINUTES);
            if (!ended) {
                second.destroyForcibly().waitFor();
            }
            String out = read(secondLog);
            System.out.printf("ResumeIT: second process ran %d s%n", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t2));
            assertThat(ended).as("the second run ended: " + out).isTrue();
            assertThat(second.exitValue()).as("exit code of the second run: " + out).isZero();
            assertThat(out).contains("Resuming from");
            // The second process asked for the checkpoint's cursor first: neither the beginning nor past what was written.
            String firstAsked = river.server.riverLog().stream().skip(requestsBefore).filter(h -> h.status() == 200)
                    .findFirst().orElseThrow().changeId();
            assertThat(river.feed.indexOf(firstAsked).orElse(-1)).as("first page asked after the restart: %s", firstAsked)
                    .isBetween(1L, atKill);
            RiverTables.assertPageChain(resumed, river.feed, PAGES);
        }
        Map<String, List<List<String>>> expected = Sql.dump(reference);
        Map<String, List<List<String>>> actual = Sql.dump(resumed);
        for (String table : expected.keySet()) {
            assertThat(expected.get(table)).as(table + " of the uninterrupted run").isNotEmpty();
            assertThat(actual.get(table)).as(table).isEqualTo(expected.get(table));
        }
        assertThat(ArrowTables.rows(tmp.resolve("arrow-resumed"))).isEqualTo(ArrowTables.rows(tmp.resolve("arrow-reference")));
    }

    private static Map<String, String> options(MarketRiver river, Path arrow) {
        Map<String, String> options = river.options(Duration.ofSeconds(2));
        options.put(Options.CHECKPOINT_INTERVAL.name(), "500ms");
        options.put(Options.ARROW_DIR.name(), arrow.toString());
        options.put(Options.ARROW_ROLL.name(), "1m");
        return options;
    }

    private static List<String> withParallelism(List<String> args, int parallelism) {
        List<String> all = new ArrayList<>(args);
        int i = all.indexOf("--" + Options.PARALLELISM.name());
        assertThat(i).as("the river options set the parallelism").isNotNegative();
        all.set(i + 1, String.valueOf(parallelism));
        return all;
    }

    /** {@code java -jar stashwatch.jar run ...}; the manifest gives the JVM its --add-opens. */
    private static Process start(Path jar, List<String> args, Path output, Path logDir) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx1g");
        cmd.add("-Dstashwatch.log.dir=" + logDir);
        cmd.add("-jar");
        cmd.add(jar.toString());
        cmd.add("run");
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }
}
