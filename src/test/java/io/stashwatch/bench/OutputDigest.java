package io.stashwatch.bench;

import io.stashwatch.config.Config;
import io.stashwatch.config.Options;
import io.stashwatch.detect.DetectOptions;
import io.stashwatch.job.Environments;
import io.stashwatch.job.JobSinks;
import io.stashwatch.job.StashwatchJob;
import io.stashwatch.model.Alert;
import io.stashwatch.model.ListingEvent;
import io.stashwatch.model.PageRow;
import io.stashwatch.model.PriceStat;
import io.stashwatch.source.RiverSource;
import io.stashwatch.testutil.CollectSink;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs the whole job over the benchmark corpus with collecting sinks and prints a SHA-256 of every
 * output (pages, listing events, price stats, alerts; every public field, doubles as raw bits) and of
 * the stash-delta metrics ({@code stashDeltas.*} counters). Two builds that print the same digests
 * produce the same outputs on this corpus. Not a test (it takes a minute): run it by hand,
 *
 * <pre>
 *   mvn -o -q test-compile
 *   java -cp target/classes:target/test-classes:$(cat target/cp.txt) io.stashwatch.bench.OutputDigest [pages] [stashes] [parallelism]
 * </pre>
 */
public final class OutputDigest {
    static final Map<String, Counter> COUNTERS = new ConcurrentHashMap<>();

    private OutputDigest() {
    }

    public static void main(String[] args) throws Exception {
        int pages = args.length > 0 ? Integer.parseInt(args[0]) : 150;
        int spp = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int parallelism = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        Corpus corpus = Corpus.generate(7, pages, spp, done -> { }).register();
        Config run = Config.defaults().with(Options.PARALLELISM, String.valueOf(parallelism));
        RiverSource source = CorpusFetcherFactory.source(corpus, run.get(Options.RIVER_PAGE_INTERVAL),
                ThroughputBenchmark.EPOCH);
        corpus.startRun();
        StashwatchJob job = new StashwatchJob(source, 1, null, new Collecting(), List.of(), DetectOptions.from(run));
        Configuration conf = Environments.localConfiguration(run, parallelism + 1);
        conf.setString("metrics.reporter.digest.factory.class", Reporter.class.getName());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(conf);
        job.build(env);
        env.execute("output digest");

        System.out.printf("corpus: %d pages x %d stashes, parallelism %d%n", pages, spp, parallelism);
        String all = "";
        for (String name : List.of("pages", "events", "stats", "alerts")) {
            List<Object> records = CollectSink.results("digest-" + name);
            List<String> lines = new ArrayList<>();
            for (Object r : records) {
                lines.add(render(r));
            }
            lines.sort(null);
            String d = sha(lines);
            all += d;
            System.out.printf("%-8s %,9d records  sha256 %s%n", name, lines.size(), d);
        }
        Map<String, Long> metrics = new TreeMap<>();
        COUNTERS.forEach((id, c) -> {
            int at = id.indexOf("stashDeltas.");
            if (at >= 0) {
                metrics.merge(id.substring(at, id.indexOf('#')), c.getCount(), Long::sum);
            }
        });
        List<String> lines = new ArrayList<>();
        metrics.forEach((k, v) -> lines.add(k + "=" + v));
        String md = sha(lines);
        System.out.println("metrics  " + lines);
        System.out.printf("metrics  sha256 %s%n", md);
        System.out.printf("ALL      sha256 %s%n", sha(List.of(all + md)));
        corpus.unregister();
        System.exit(0);
    }

    private static String sha(List<String> lines) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (String l : lines) {
            md.update(l.getBytes(StandardCharsets.UTF_8));
            md.update((byte) '\n');
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** Every public instance field but {@code fetchedAt}, in declaration order; doubles and floats as raw bits. */
    static String render(Object o) throws IllegalAccessException {
        StringBuilder b = new StringBuilder(o.getClass().getSimpleName());
        for (Field f : o.getClass().getFields()) {
            if (Modifier.isStatic(f.getModifiers()) || f.getName().equals("fetchedAt")) {
                continue;
            }
            Object v = f.get(o);
            if (v instanceof Double d) {
                v = Long.toHexString(Double.doubleToRawLongBits(d));
            } else if (v instanceof Float fl) {
                v = Integer.toHexString(Float.floatToRawIntBits(fl));
            } else if (v instanceof double[] ds) {
                StringBuilder s = new StringBuilder("[");
                for (double d : ds) {
                    s.append(Long.toHexString(Double.doubleToRawLongBits(d))).append(',');
                }
                v = s.append(']');
            } else if (v != null && v.getClass().isArray()) {
                v = java.util.Arrays.deepToString(new Object[] {v});
            }
            b.append('|').append(f.getName()).append('=').append(v);
        }
        return b.toString();
    }

    static final class Collecting implements JobSinks {
        private static final long serialVersionUID = 1L;

        @Override
        public void pages(DataStream<PageRow> pages) {
            pages.sinkTo(CollectSink.named("digest-pages"));
        }

        @Override
        public void events(DataStream<ListingEvent> events) {
            events.sinkTo(CollectSink.named("digest-events"));
        }

        @Override
        public void stats(DataStream<PriceStat> stats) {
            stats.sinkTo(CollectSink.named("digest-stats"));
        }

        @Override
        public void alerts(DataStream<Alert> alerts) {
            alerts.sinkTo(CollectSink.named("digest-alerts"));
        }
    }

    /** Keeps every counter the job registers (they keep their final values after the job ends). */
    public static final class Reporter implements MetricReporter, MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            return new Reporter();
        }

        @Override
        public void open(MetricConfig config) {
        }

        @Override
        public void close() {
        }

        @Override
        public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
            if (metric instanceof Counter c) {
                COUNTERS.put(group.getMetricIdentifier(name) + "#" + System.identityHashCode(c), c);
            }
        }

        @Override
        public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {
        }
    }
}
