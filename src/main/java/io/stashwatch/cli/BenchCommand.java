package io.stashwatch.cli;

import io.stashwatch.bench.BenchReport;
import io.stashwatch.bench.ThroughputBenchmark;
import io.stashwatch.config.Config;
import io.stashwatch.config.Option;
import io.stashwatch.config.Options;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bench}: the end-to-end throughput benchmark ({@link ThroughputBenchmark}) on a local
 * MiniCluster and an embedded PostgreSQL; prints the figures and writes them to {@code bench.output}.
 */
final class BenchCommand implements Command {

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String description() {
        return "Measure throughput on a simulated corpus: bare parse vs. the full job into PostgreSQL and "
                + "into discarding sinks (writes docs/benchmarks.md).";
    }

    @Override
    public List<Option<?>> options() {
        List<Option<?>> list = new ArrayList<>(Options.inGroups("bench"));
        list.add(Options.STATE_BACKEND);
        list.add(Options.CHECKPOINT_INTERVAL);
        list.add(Options.DETECT_WINDOW);
        list.add(Options.DETECT_SLIDE);
        list.add(Options.JDBC_BATCH_SIZE);
        return list;
    }

    /** Detection windows as in the demo (a statistics row per key every 10 pages: more work than live). */
    static Map<Option<?>, String> benchDefaults() {
        Map<Option<?>, String> d = new LinkedHashMap<>();
        d.put(Options.DETECT_WINDOW, "120s");
        d.put(Options.DETECT_SLIDE, "10s");
        d.put(Options.ARROW_DIR, "");
        d.put(Options.POE_CURRENCY_EXCHANGE, "false");
        return d;
    }

    @Override
    public int execute(Config config, PrintStream out, PrintStream err) throws Exception {
        Config effective = config.withDefaults(benchDefaults());
        ThroughputBenchmark bench = new ThroughputBenchmark(effective, out);
        ThroughputBenchmark.Result result = bench.run();
        out.println();
        BenchReport.summary(result).forEach(out::println);
        String command = "java -jar target/stashwatch.jar bench --bench.pages " + effective.get(Options.BENCH_PAGES)
                + " --bench.stashes-per-page " + effective.get(Options.BENCH_STASHES_PER_PAGE)
                + " --bench.seed " + effective.get(Options.BENCH_SEED)
                + " --bench.parallelism " + String.join(",", effective.get(Options.BENCH_PARALLELISM));
        String jobSettings = "the real river source (one realm, one split) reading the corpus through the "
                + "production page parser, every operator of the job, river-derived currency rates (no Currency "
                + "Exchange), `state.backend` " + effective.get(Options.STATE_BACKEND) + ", checkpoints every "
                + effective.get(Options.CHECKPOINT_INTERVAL).toSeconds() + " s to a temporary directory, "
                + "`detect.window` " + effective.get(Options.DETECT_WINDOW).toSeconds() + " s and `detect.slide` "
                + effective.get(Options.DETECT_SLIDE).toSeconds() + " s of river time (1 s per page), no Arrow "
                + "files. Every run is a job submitted to one local Flink cluster (a MiniCluster) started before "
                + "the first, and each parallelism is measured after untimed warm-up runs at that parallelism. Times "
                + "run from the first page handed to the source to the end of the job (all sinks flushed). (3) is "
                + "the median of three timed runs, (2) one run.";
        String output = effective.get(Options.BENCH_OUTPUT);
        if (output != null && !output.isBlank()) {
            BenchReport.write(Path.of(output), BenchReport.markdown(result, command, jobSettings));
            out.println("Written to " + output);
        }
        return 0;
    }
}
