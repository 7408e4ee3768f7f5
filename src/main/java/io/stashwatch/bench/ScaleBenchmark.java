package io.stashwatch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stashwatch.config.Config;
import io.stashwatch.config.Options;
import io.stashwatch.detect.DetectOptions;
import io.stashwatch.job.Environments;
import io.stashwatch.job.DiscardingSinks;
import io.stashwatch.job.StashwatchJob;
import io.stashwatch.model.Alert;
import io.stashwatch.model.EventKind;
import io.stashwatch.model.ListingEvent;
import io.stashwatch.source.PageParserDeserializer;
import io.stashwatch.source.RiverSource;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Scale goals of the job, measured on a local MiniCluster (docs/benchmarks-scale.md):
 *
 * <ul>
 *   <li>{@code state}: the real {@link StashwatchJob} (river source → page splitter → stash deltas →
 *       detection) with discarding sinks, RocksDB with incremental checkpoints into a temporary
 *       directory, fed by a {@link SyntheticPages} river ({@link SyntheticFetchers}) until it holds
 *       about a million live listings, then paced for a while to hold them. It samples live listings
 *       (listed − delisted events), heap used after a forced GC, and every checkpoint's duration and
 *       size from the MiniCluster's REST API.</li>
 *   <li>{@code latency}: {@link AlertLatencyBenchmark}'s setup (production job over HTTP against the
 *       simulator into PostgreSQL) first unpaced to find the job's maximum page rate, then paced at a
 *       fraction of it (80 %), measuring page fetched → alert row visible.</li>
 * </ul>
 *
 * <pre>
 * java -Xmx3g --add-opens=java.base/java.nio=ALL-UNNAMED (Arrow; see docs/benchmarks-scale.md for all flags) \
 *     -cp target/stashwatch.jar io.stashwatch.bench.ScaleBenchmark [--part all|state|latency]
 *     [--listings 1120000] [--hold 60s] [--hold-rate 2] [--checkpoint-interval 10s] [--sample 10s]
 *     [--load 0.8] [--throughput-pages 200] [--latency-backlog 150] [--latency-live 240] [--underpriced 100]
 *     [--stashes-per-page 250] [--out docs/benchmarks-scale.md]
 * </pre>
 */
public final class ScaleBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();

    static final AtomicLong LISTED = new AtomicLong();
    static final AtomicLong DELISTED = new AtomicLong();
    static final AtomicLong EVENTS = new AtomicLong();
    static final AtomicLong ALERTS = new AtomicLong();

    private ScaleBenchmark() {
    }

    // ------------------------------------------------------------------ arguments

    static final class Args {
        String part = "all";
        long listings = 1_120_000;
        Duration hold = Duration.ofSeconds(60);
        double holdRate = 2;
        Duration checkpointInterval = Duration.ofSeconds(10);
        Duration sample = Duration.ofSeconds(10);
        double load = 0.8;
        int throughputPages = 200;
        int latencyBacklog = 150;
        int latencyLive = 240;
        double underpriced = 100;
        int stashesPerPage = 250;
        Path out = Path.of("docs/benchmarks-scale.md");
        String command;

        static Args parse(String[] a) {
            Args r = new Args();
            for (int i = 0; i < a.length; i++) {
                String v = i + 1 < a.length ? a[i + 1] : null;
                switch (a[i]) {
                    case "--part" -> r.part = a[++i];
                    case "--listings" -> r.listings = Long.parseLong(a[++i]);
                    case "--hold" -> r.hold = duration(a[++i]);
                    case "--hold-rate" -> r.holdRate = Double.parseDouble(a[++i]);
                    case "--checkpoint-interval" -> r.checkpointInterval = duration(a[++i]);
                    case "--sample" -> r.sample = duration(a[++i]);
                    case "--load" -> r.load = Double.parseDouble(a[++i]);
                    case "--throughput-pages" -> r.throughputPages = Integer.parseInt(a[++i]);
                    case "--latency-live" -> r.latencyLive = Integer.parseInt(a[++i]);
                    case "--underpriced" -> r.underpriced = Double.parseDouble(a[++i]);
                    case "--latency-backlog" -> r.latencyBacklog = Integer.parseInt(a[++i]);
                    case "--stashes-per-page" -> r.stashesPerPage = Integer.parseInt(a[++i]);
                    case "--out" -> r.out = Path.of(a[++i]);
                    default -> throw new IllegalArgumentException("unknown argument " + a[i] + (v == null ? "" : ""));
                }
            }
            if (!List.of("all", "state", "latency").contains(r.part)) {
                throw new IllegalArgumentException("--part must be all, state or latency");
            }
            r.command = "java " + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments())
                    + " -cp target/stashwatch.jar io.stashwatch.bench.ScaleBenchmark " + String.join(" ", a);
            return r;
        }

        static Duration duration(String s) {
            String t = s.trim().toLowerCase(Locale.ROOT);
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            if (t.endsWith("s")) {
                return Duration.ofMillis((long) (Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
            }
            if (t.endsWith("min")) {
                return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 3)));
            }
            return Duration.ofMillis(Long.parseLong(t));
        }
    }

    public static void main(String[] argv) throws Exception {
        Args args;
        try {
            args = Args.parse(argv);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        String machine = Machine.describe();
        System.out.println(machine);
        String state = null;
        String latency = null;
        if (!args.part.equals("latency")) {
            state = new StateRun(args).run();
            Report.write(args.out, args.command, machine, state, null); // kept if the next part fails
        }
        if (!args.part.equals("state")) {
            latency = LoadLatency.run(args);
        }
        Report.write(args.out, args.command, machine, state, latency);
        System.out.println("wrote " + args.out);
        System.exit(0);
    }

    // ------------------------------------------------------------------ sinks

    /** Discards every output; counts listed/delisted events (live listings) and alerts. */
    static final class CountingDiscard extends DiscardingSinks {
        private static final long serialVersionUID = 1L;

        @Override
        public void events(DataStream<ListingEvent> events) {
            super.events(events.map(new CountEvents()).returns(TypeInformation.of(ListingEvent.class)).name("count events"));
        }

        @Override
        public void alerts(DataStream<Alert> alerts) {
            super.alerts(alerts.map(a -> {
                ALERTS.incrementAndGet();
                return a;
            }).returns(TypeInformation.of(Alert.class)).name("count alerts"));
        }
    }

    static final class CountEvents implements MapFunction<ListingEvent, ListingEvent> {
        private static final long serialVersionUID = 1L;

        @Override
        public ListingEvent map(ListingEvent e) {
            EVENTS.incrementAndGet();
            if (e.kind == EventKind.LISTED) {
                LISTED.incrementAndGet();
            } else if (e.kind == EventKind.DELISTED) {
                DELISTED.incrementAndGet();
            }
            return e;
        }
    }

    // ------------------------------------------------------------------ state run

    /** One sample of the run. */
    record Sample(long millis, long pages, long bytes, long listings, long heapAfterGc) {
    }

    /** One completed checkpoint. */
    record Checkpoint(long id, long triggerMillis, long durationMs, long stateSize, long checkpointedSize,
            long listingsAtTrigger, Map<String, Long> perOperator, long stateWorkMs, long barrierDelayMs,
            long alignmentMs) {
    }

    static final class StateRun {
        private final Args args;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        /** Counter timeline, every 250 ms: millis → listings. */
        private final TreeMap<Long, Long> listingsAt = new TreeMap<>();
        private final List<Sample> samples = new ArrayList<>();
        private final Map<Long, Checkpoint> checkpoints = new TreeMap<>();
        private final Map<String, String> vertexNames = new LinkedHashMap<>();
        private long start;

        StateRun(Args args) {
            this.args = args;
        }

        String run() throws Exception {
            int[] shape = shapeFor(args.listings);
            int pool = shape[0];
            int growPages = shape[1];
            long holdPages = Math.round(args.hold.toMillis() / 1000.0 * args.holdRate);
            double loadBefore = Machine.load1();
            Path dir = Files.createTempDirectory("stashwatch-scale");
            Config config = Config.defaults()
                    .with(Options.STATE_BACKEND, "rocksdb")
                    .with(Options.CHECKPOINT_INTERVAL, args.checkpointInterval.toMillis() + "ms")
                    .with(Options.PARALLELISM, "2")
                    .with(Options.RUN_IDLE_TIMEOUT, "2s");
            Configuration conf = Environments.jobConfiguration(config, true);
            // file checkpoint storage of this run
            conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir.resolve("checkpoints").toUri().toString());
            conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
            conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
            conf.setString("state.backend.rocksdb.localdir", dir.resolve("rocksdb").toString());
            conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.parse("512m"));
            conf.set(TaskManagerOptions.NUM_TASK_SLOTS, 2);
            conf.set(WebOptions.CHECKPOINTS_HISTORY_SIZE, 1000);

            System.out.printf(Locale.ROOT, "state: pool %d stashes, %d pages unpaced, then %d pages at %.1f pages/s; "
                    + "checkpoints every %d ms into %s%n", pool, growPages, holdPages, args.holdRate,
                    args.checkpointInterval.toMillis(), dir);
            MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder().setConfiguration(conf)
                    .setNumTaskManagers(1).setNumSlotsPerTaskManager(2).withRandomPorts().build());
            cluster.start();
            long heapBefore = heapAfterGc();
            // the generator's own model of the river lives in this JVM too: measure it once, alone
            SyntheticPages probe = new SyntheticPages(17, pool, 250);
            long generatorHeap = heapAfterGc() - heapBefore;
            System.out.printf(Locale.ROOT, "generator pool alone: %d MB of heap (pages generated: %d)%n",
                    generatorHeap >> 20, probe.pageNumber());
            probe = null;
            heapBefore = heapAfterGc();
            try {
                URI rest = cluster.getRestAddress().get();
                StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
                RiverSource river = RiverSource.builder()
                        .fetchers(new SyntheticFetchers(17, pool, 250, growPages, holdPages, args.holdRate))
                        .deserializer(new PageParserDeserializer())
                        .realms(List.of("pc"))
                        .startChangeId("beginning")
                        .pageInterval(config.get(Options.RIVER_PAGE_INTERVAL))
                        .epoch(Instant.parse("2026-01-01T00:00:00Z"))
                        .idleTimeout(Duration.ofSeconds(2))
                        .build();
                new StashwatchJob(river, 1, null, new CountingDiscard(), List.of(), DetectOptions.from(config)).build(env);
                org.apache.flink.streaming.api.graph.StreamGraph graph = env.getStreamGraph();
                graph.setJobName("stashwatch-scale");
                graph.setJobId(new JobID());
                JobID job = cluster.submitJob(graph).get().getJobID();
                start = System.currentTimeMillis();
                samples.add(new Sample(0, 0, 0, 0, heapBefore));
                long nextSample = start + args.sample.toMillis();
                while (true) {
                    JobStatus status = cluster.getJobStatus(job).get();
                    if (status.isTerminalState()) {
                        System.out.println("job " + status);
                        break;
                    }
                    long now = System.currentTimeMillis();
                    listingsAt.put(now - start, live());
                    if (now >= nextSample) {
                        nextSample += args.sample.toMillis();
                        long heap = heapAfterGc();
                        Sample s = new Sample(System.currentTimeMillis() - start, SyntheticFetchers.PAGES.get(),
                                SyntheticFetchers.BYTES.get(), live(), heap);
                        samples.add(s);
                        pollCheckpoints(rest, job);
                        System.out.printf(Locale.ROOT, "%6.1f s  pages %5d  listings %,9d  heap after GC %5d MB  "
                                + "checkpoints %d%n", s.millis / 1000.0, s.pages, s.listings, s.heapAfterGc >> 20,
                                checkpoints.size());
                    }
                    Thread.sleep(250);
                }
                // the job is finished: its REST history stays available
                pollCheckpoints(rest, job);
            } finally {
                cluster.close();
                org.apache.flink.util.FileUtils.deleteDirectoryQuietly(dir.toFile());
            }
            double loadAfter = Machine.load1();
            return markdown(pool, growPages, holdPages, heapBefore, generatorHeap, loadBefore, loadAfter);
        }

        private long live() {
            return LISTED.get() - DELISTED.get();
        }

        private void pollCheckpoints(URI rest, JobID job) {
            try {
                if (vertexNames.isEmpty()) {
                    JsonNode j = get(rest, "/jobs/" + job);
                    for (JsonNode v : j.path("vertices")) {
                        vertexNames.put(v.path("id").asText(), v.path("name").asText());
                    }
                }
                JsonNode cps = get(rest, "/jobs/" + job + "/checkpoints");
                for (JsonNode c : cps.path("history")) {
                    long id = c.path("id").asLong();
                    if (!"COMPLETED".equals(c.path("status").asText()) || checkpoints.containsKey(id)) {
                        continue;
                    }
                    long trigger = c.path("trigger_timestamp").asLong() - start;
                    Map.Entry<Long, Long> at = listingsAt.floorEntry(trigger);
                    Map<String, Long> perOp = new LinkedHashMap<>();
                    JsonNode d = get(rest, "/jobs/" + job + "/checkpoints/details/" + id);
                    long work = 0;
                    long delay = 0;
                    long alignment = 0;
                    Iterator<Map.Entry<String, JsonNode>> tasks = d.path("tasks").fields();
                    while (tasks.hasNext()) {
                        Map.Entry<String, JsonNode> t = tasks.next();
                        long size = t.getValue().path("state_size").asLong();
                        if (size > 0) {
                            perOp.put(vertexNames.getOrDefault(t.getKey(), t.getKey()), size);
                        }
                        // per subtask: synchronous + asynchronous part (the state backend's work), the time
                        // the barrier took to arrive (start delay) and alignment
                        JsonNode sum = get(rest, "/jobs/" + job + "/checkpoints/details/" + id + "/subtasks/"
                                + t.getKey()).path("summary");
                        work = Math.max(work, sum.path("checkpoint_duration").path("sync").path("max").asLong()
                                + sum.path("checkpoint_duration").path("async").path("max").asLong());
                        delay = Math.max(delay, sum.path("start_delay").path("max").asLong());
                        alignment = Math.max(alignment, sum.path("alignment").path("duration").path("max").asLong());
                    }
                    checkpoints.put(id, new Checkpoint(id, trigger, c.path("end_to_end_duration").asLong(),
                            c.path("state_size").asLong(), c.path("checkpointed_size").asLong(),
                            at == null ? 0 : at.getValue(), perOp, work, delay, alignment));
                }
            } catch (IOException | InterruptedException e) {
                System.err.println("REST: " + e);
            }
        }

        private JsonNode get(URI rest, String path) throws IOException, InterruptedException {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(rest.resolve(path)).timeout(Duration.ofSeconds(10))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(r.body());
        }

        private String markdown(int pool, int growPages, long holdPages, long heapBefore, long generatorHeap,
                double loadBefore, double loadAfter) {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "Run: pool of %,d stashes, %d pages of 250 stashes as fast as the job "
                    + "takes them, then %d pages at %.1f pages/s (%.0f s) to hold the listings; checkpoints every %d s. "
                    + "Load average (1 min) %.2f before, %.2f after.%n%n", pool, growPages, holdPages, args.holdRate,
                    args.hold.toMillis() / 1000.0, args.checkpointInterval.toSeconds(), loadBefore, loadAfter));
            sb.append("### Over time\n\n");
            sb.append(String.format(Locale.ROOT, "Heap after a forced full GC (`System.gc()`, then `MemoryMXBean` heap "
                    + "used) of the whole JVM. The first row is before the job starts. The river generator's model of "
                    + "its %,d stashes lives in the same JVM and arrives with the first pages: **%d MB**, measured by "
                    + "building the same pool alone before the job; the job's own heap is the column minus that. The "
                    + "last row may come after the source finished and released the generator.%n%n", pool,
                    generatorHeap >> 20));
            sb.append("| time (s) | pages | MB consumed | live listings | heap after GC (MB) | newest checkpoint: "
                    + "duration (ms) | full state (MB) | B per live listing |\n|---|---|---|---|---|---|---|---|\n");
            for (Sample s : samples) {
                Checkpoint c = null;
                for (Checkpoint x : checkpoints.values()) {
                    if (x.triggerMillis + x.durationMs <= s.millis) {
                        c = x;
                    }
                }
                sb.append(String.format(Locale.ROOT, "| %.0f | %d | %,.0f | %,d | %d | %s | %s | %s |%n", s.millis / 1000.0,
                        s.pages, s.bytes / 1e6, s.listings, s.heapAfterGc >> 20,
                        c == null ? "–" : "#" + c.id + ": " + c.durationMs,
                        c == null ? "–" : String.format(Locale.ROOT, "%.1f", c.stateSize / 1e6),
                        c == null || c.listingsAtTrigger < 10_000 ? "–"
                                : String.format(Locale.ROOT, "%.0f", (double) c.stateSize / c.listingsAtTrigger)));
            }
            sb.append("\n### Checkpoints\n\n");
            sb.append("From `/jobs/<id>/checkpoints` of the MiniCluster's REST API: end-to-end duration, full state "
                    + "size (`state_size`: all SST files the checkpoint references) and what this checkpoint "
                    + "uploaded (`checkpointed_size`, incremental). Live listings at the checkpoint's trigger time.\n\n");
            sb.append("Duration split (slowest subtask of any operator): *barrier* = start delay, the time the "
                    + "checkpoint barrier took to reach the operator through the network buffers in front of it; "
                    + "*alignment* = waiting for the barrier on all inputs; *state* = synchronous + asynchronous part, "
                    + "the state backend's own work (RocksDB flush, SST upload).\n\n");
            sb.append("| checkpoint | triggered at (s) | duration (ms) | barrier / alignment / state (ms) | full state (MB) "
                    + "| uploaded (MB) | live listings | B per live listing | stash deltas (MB) | detect (MB) |\n"
                    + "|---|---|---|---|---|---|---|---|---|---|\n");
            long maxDuration = 0;
            long maxWork = 0;
            Checkpoint last = null;
            for (Checkpoint c : checkpoints.values()) {
                maxDuration = Math.max(maxDuration, c.durationMs);
                last = c;
                maxWork = Math.max(maxWork, c.stateWorkMs);
                sb.append(String.format(Locale.ROOT, "| #%d | %.1f | %d | %d / %d / %d | %.1f | %.1f | %,d | %s | %s | %s |%n",
                        c.id, c.triggerMillis / 1000.0, c.durationMs, c.barrierDelayMs, c.alignmentMs, c.stateWorkMs,
                        c.stateSize / 1e6, c.checkpointedSize / 1e6,
                        c.listingsAtTrigger, c.listingsAtTrigger < 10_000 ? "–"
                                : String.format(Locale.ROOT, "%.0f", (double) c.stateSize / c.listingsAtTrigger),
                        op(c, "stash deltas"), op(c, "detect")));
            }
            long heapMin = Long.MAX_VALUE;
            long heapMax = 0;
            long maxListings = 0;
            for (Sample s : samples.subList(Math.min(2, samples.size()), samples.size())) {
                maxListings = Math.max(maxListings, s.listings);
                if (s.pages >= growPages + holdPages) {
                    continue; // the source has finished: its generator is being released
                }
                heapMin = Math.min(heapMin, s.heapAfterGc);
                heapMax = Math.max(heapMax, s.heapAfterGc);
            }
            sb.append("\n### Summary\n\n");
            sb.append(String.format(Locale.ROOT, "- Live listings: up to **%,d**.%n", maxListings));
            if (heapMin != Long.MAX_VALUE) {
                sb.append(String.format(Locale.ROOT, "- Heap after GC from the third sample until the last page: "
                        + "%d–%d MB for the JVM (before the job: %d MB); without the generator's %d MB: **%d–%d MB**, "
                        + "flat while the live listings grow.%n", heapMin >> 20, heapMax >> 20, heapBefore >> 20,
                        generatorHeap >> 20, (heapMin - generatorHeap) >> 20, (heapMax - generatorHeap) >> 20));
            }
            long over = checkpoints.values().stream().filter(c -> c.durationMs >= 10_000).count();
            sb.append(String.format(Locale.ROOT, "- Longest checkpoint: **%d ms**; %d of %d checkpoints took 10 s or more. "
                    + "Longest state part (sync + async of one subtask): **%d ms**.%n", maxDuration, over,
                    checkpoints.size(), maxWork));
            if (last != null && last.listingsAtTrigger > 0) {
                sb.append(String.format(Locale.ROOT, "- Last checkpoint: %.1f MB for %,d live listings = **%.0f B per "
                        + "live listing** (whole job state); the stash delta operator alone %.0f B.%n",
                        last.stateSize / 1e6, last.listingsAtTrigger, (double) last.stateSize / last.listingsAtTrigger,
                        (double) last.perOperator.getOrDefault(findOp(last, "stash deltas"), 0L)
                                / last.listingsAtTrigger));
            }
            return sb.toString();
        }

        private String op(Checkpoint c, String name) {
            String key = findOp(c, name);
            Long v = key == null ? null : c.perOperator.get(key);
            return v == null ? "–" : String.format(Locale.ROOT, "%.1f", v / 1e6);
        }

        private static String findOp(Checkpoint c, String name) {
            for (String k : c.perOperator.keySet()) {
                if (k.toLowerCase(Locale.ROOT).contains(name)) {
                    return k;
                }
            }
            return null;
        }
    }

    /**
     * Stash pool and pages for about {@code listings} live listings: each stash of the pool is visited
     * about once during the growth (63 % of the pool seen, ~10.4 live listings per seen stash), half as
     * many pages as {@code StateSizeReport}'s two visits per stash for the same listings.
     */
    static int[] shapeFor(long listings) {
        int pool = (int) Math.max(500, listings / 7);
        int pages = Math.max(4, pool / 250);
        return new int[] {pool, pages};
    }

    static long heapAfterGc() throws InterruptedException {
        var mx = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 2; i++) {
            System.gc();
            Thread.sleep(20);
            used = Math.min(used, mx.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    // ------------------------------------------------------------------ machine and report

    static final class Machine {
        private Machine() {
        }

        static double load1() {
            try {
                return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
            } catch (IOException | RuntimeException e) {
                return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            }
        }

        static String describe() {
            String cpu = "?";
            try {
                for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                    if (l.startsWith("model name")) {
                        cpu = l.substring(l.indexOf(':') + 1).trim();
                        break;
                    }
                }
            } catch (IOException e) {
                // not Linux
            }
            long mem = -1;
            try {
                for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
                    if (l.startsWith("MemTotal")) {
                        mem = Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024;
                    }
                }
            } catch (IOException e) {
                // not Linux
            }
            return String.format(Locale.ROOT, "%d CPUs (%s), %.1f GB RAM, %s %s, JVM max heap %d MB, load average %s",
                    Runtime.getRuntime().availableProcessors(), cpu, mem / 1e9, System.getProperty("java.vm.name"),
                    System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20, loadavg());
        }

        static String loadavg() {
            try {
                String[] p = Files.readString(Path.of("/proc/loadavg")).split(" ");
                return p[0] + " " + p[1] + " " + p[2];
            } catch (IOException e) {
                return String.valueOf(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            }
        }
    }

    /** Writes docs/benchmarks-scale.md; a part not run keeps its section from the existing file. */
    static final class Report {
        static final String STATE_BEGIN = "<!-- state:begin -->";
        static final String STATE_END = "<!-- state:end -->";
        static final String LATENCY_BEGIN = "<!-- latency:begin -->";
        static final String LATENCY_END = "<!-- latency:end -->";

        private Report() {
        }

        static void write(Path out, String command, String machine, String state, String latency) throws IOException {
            String old = Files.exists(out) ? Files.readString(out) : "";
            String stateText = state != null ? "Command: `" + command + "`\n\nMachine: " + machine + "\n\n" + state
                    : between(old, STATE_BEGIN, STATE_END);
            String latencyText = latency != null ? "Command: `" + command + "`\n\nMachine: " + machine + "\n\n" + latency
                    : between(old, LATENCY_BEGIN, LATENCY_END);
            String doc = header() + "## State and heap with a million live listings (RocksDB)\n\n"
                    + stateSetup() + STATE_BEGIN + "\n" + (stateText == null ? "(not run yet)\n" : stateText.strip() + "\n")
                    + STATE_END + "\n\n## Alert latency at 80 % of the maximum throughput\n\n" + latencySetup()
                    + LATENCY_BEGIN + "\n" + (latencyText == null ? "(not run yet)\n" : latencyText.strip() + "\n")
                    + LATENCY_END + "\n";
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, doc, StandardCharsets.UTF_8);
        }

        private static String between(String text, String begin, String end) {
            int b = text.indexOf(begin);
            int e = text.indexOf(end);
            return b < 0 || e < b ? null : text.substring(b + begin.length(), e);
        }

        private static String header() {
            return "# Scale: state, heap and checkpoints at a million listings; alert latency under load\n\n"
                    + "Generated by `io.stashwatch.bench.ScaleBenchmark` (do not edit the sections between the markers "
                    + "by hand; re-run the benchmark). Goals from the performance issue:\n\n"
                    + "- state ≤ 300 bytes per live listing with RocksDB; a run with 1 million live listings keeps the "
                    + "heap flat and checkpoints under 10 s;\n"
                    + "- alert latency p99 < 1 s while the job runs at 80 % of its maximum throughput.\n\n"
                    + "```\nmvn -o -q -DskipTests package\n"
                    + "OPENS=\"--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED "
                    + "--add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED\"\n"
                    + "java -Xmx3g $OPENS -cp target/stashwatch.jar io.stashwatch.bench.ScaleBenchmark                 # both parts\n"
                    + "java -Xmx3g $OPENS -cp target/stashwatch.jar io.stashwatch.bench.ScaleBenchmark --part state    # only one part;\n"
                    + "java -Xmx3g $OPENS -cp target/stashwatch.jar io.stashwatch.bench.ScaleBenchmark --part latency  # the other keeps its section\n"
                    + "```\n\n"
                    + "(The `--add-opens` flags are for Arrow, whose files the latency part's production sinks write; the "
                    + "jar's manifest carries them only for `java -jar`.) Options: `--listings N` (target live "
                    + "listings, default 1 120 000; the pool has N / 7 stashes and the growth N / 1750 pages), `--hold 60s` "
                    + "and `--hold-rate 2` (pages per second after the growth), `--checkpoint-interval 10s`, "
                    + "`--sample 10s`; `--load 0.8`, `--throughput-pages 200` (pages of the maximum run), "
                    + "`--latency-backlog 150` and `--latency-live 240` (pages of the paced run), "
                    + "`--underpriced 100` (per 100 pages), `--stashes-per-page 250`; `--out docs/benchmarks-scale.md`.\n\n";
        }

        private static String stateSetup() {
            return "The real `StashwatchJob` (FLIP-27 `RiverSource` with the production `PageParserDeserializer` → "
                    + "`PageSplitter` → `StashDeltaFunction` keyed by stash → `Detection` keyed by league and item key) "
                    + "with discarding sinks, on a local MiniCluster (1 task manager, 2 slots, parallelism 2, 512 MB "
                    + "managed memory for RocksDB), RocksDB with incremental checkpoints into a file checkpoint storage "
                    + "in a temporary directory, and the job's own settings otherwise (`Environments.jobConfiguration`). "
                    + "The river is `SyntheticPages` (the corpus of `docs/benchmarks-parse.md`: 250 stashes, ~3.6 MB per "
                    + "page, a fixed pool of stashes whose snapshots change from visit to visit), generated in the same "
                    + "JVM by `SyntheticFetchers` a few pages ahead of the source. Live listings = listed − delisted "
                    + "events counted at the events sink. The operator-level measurement of the delta state per listing "
                    + "on each backend is `StateSizeReport` in `docs/benchmarks-parse.md`; this run checks the same "
                    + "figure for the whole job in a running cluster, with the heap and checkpoint times beside it.\n\n";
        }

        private static String latencySetup() {
            return "`AlertLatencyBenchmark`'s setup (`docs/benchmarks-latency.md`): the production job "
                    + "(`JobFactory`: PoE client over HTTP → river source → parser → deltas → detection → "
                    + "`PostgresSinks` into an embedded PostgreSQL, Arrow files on, checkpoints every 10 s, "
                    + "parallelism 2) against the built-in simulator, river rate limit lifted (100 000 requests/s) so "
                    + "the client is not the limit. Two runs on the same market (seed 42, 250 stashes per page like the "
                    + "live river, underpriced listings injected as set below):\n\n"
                    + "1. **maximum throughput**: every page available at once (no pacing); the rate is the slope of "
                    + "`ingest_pages.fetched_at` over the middle 80 % of the pages (the source fetches a page when the "
                    + "job takes it, so under backpressure this is the job's rate into PostgreSQL);\n"
                    + "2. **at 80 %**: a backlog first (references for the detector; the simulator holds the live "
                    + "pages back until the job has asked for the first of them, so the live part starts with the job "
                    + "at the head instead of catching up, which at 80 % load would take longer than the run), then "
                    + "one page every 1 / (0.8 × maximum) seconds; latency of an underpriced alert = `LISTEN stashwatch_alerts` "
                    + "notification received (the inserting transaction committed: the row is visible) − the alert's "
                    + "`fetched_at` (the PoE client had the page), same JVM clock. Only pages after the backlog count (from the "
                    + "fourth live page on).\n\n";
        }
    }
}
