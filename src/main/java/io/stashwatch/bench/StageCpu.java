package io.stashwatch.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Where a benchmark job's CPU goes: the CPU time of this JVM's threads during a run, summed by job
 * stage from the thread names Flink gives its tasks ("detect -> ...", "stash deltas -> ...",
 * "Source Data Fetcher for Source: river -> ..."). Each task runs in its own thread, so a
 * stage's time includes everything chained into it (for the detector: its discarding sinks) and
 * the deserialisation of its input and serialisation of its output.
 *
 * <p>A daemon thread samples {@link ThreadMXBean#getThreadCpuTime} of every live thread every
 * {@value #SAMPLE_MILLIS} ms. The interval starts when {@code armed} first answers true (the first
 * page handed to the source): a thread's time is its last sample minus its sample at that moment
 * (zero for threads started later). A thread's CPU after its last sample and before its exit is
 * lost (at most one interval each).
 *
 * <p>The JVM's own threads (JIT compilers, garbage collector) are not Java threads; on Linux they
 * are sampled the same way from {@code /proc/self/task/<tid>/stat} (user + system time, in clock
 * ticks of 10 ms) and reported as {@link #JIT} and {@link #GC}. Whatever the JVM used beyond all
 * sampled threads is the report's last line.
 */
final class StageCpu implements AutoCloseable {
    static final int SAMPLE_MILLIS = 20;

    /** Stages in report order, with a thread-name test each (first match wins). */
    static final String FETCH = "page fetch and parse (source fetcher thread)";
    static final String SOURCE = "split pages (source task; at parallelism 1 with the stash deltas and river rates chained in)";
    static final String DELTAS = "stash deltas and the currency filter (own task at parallelism 2 and more)";
    static final String DETECT = "detector (and chained sinks)";
    static final String RATES = "river rates (own task at parallelism 2 and more)";
    static final String SINKS = "sink tasks";
    static final String OTHER = "other Java threads (Flink runtime, checkpoints, benchmark)";
    static final String JIT = "JIT compiler threads";
    static final String GC = "garbage collector threads";
    private static final Path TASKS = Path.of("/proc/self/task");

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final BooleanSupplier armed;
    private final Map<Long, long[]> cpu = new HashMap<>(); // id -> {at arming, last}
    private final Map<Long, String> names = new HashMap<>();
    /** Native threads of the JVM by tid: {at arming, last} in ns, and their stage. */
    private final Map<String, long[]> vmCpu = new HashMap<>();
    private final Map<String, String> vmStage = new HashMap<>();
    private boolean procReadable = Files.isDirectory(TASKS);
    private final Thread sampler;
    private volatile boolean running = true;
    private boolean isArmed;
    /** Data directory of a PostgreSQL server to measure as well, or null. */
    private final Path serverDir;
    private long serverAtArming = -1;
    private long serverAtClose = -1;

    /** Starts sampling; the measured interval begins when {@code armed} first returns true. */
    StageCpu(BooleanSupplier armed) {
        this(armed, null);
    }

    /** As {@link #StageCpu(BooleanSupplier)}, also measuring the PostgreSQL server on {@code serverDir} ({@link ServerCpu}). */
    StageCpu(BooleanSupplier armed, Path serverDir) {
        this.armed = armed;
        this.serverDir = serverDir;
        this.sampler = new Thread(this::loop, "stage-cpu-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** The stage of a thread, by its name. */
    static String stage(String threadName) {
        if (threadName.startsWith("Source Data Fetcher for Source: river")) {
            return FETCH;
        }
        if (threadName.startsWith("Source: river")) {
            return SOURCE;
        }
        if (threadName.startsWith("stash deltas")) {
            return DELTAS;
        }
        if (threadName.startsWith("detect")) {
            return DETECT;
        }
        if (threadName.startsWith("river rates")) {
            return RATES;
        }
        if (threadName.contains(": Writer") || threadName.startsWith("jdbc-")) {
            return SINKS;
        }
        return OTHER;
    }

    private void loop() {
        while (running) {
            sample();
            try {
                Thread.sleep(SAMPLE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void sample() {
        boolean arming = !isArmed && armed.getAsBoolean();
        long[] ids = threads.getAllThreadIds();
        for (long id : ids) {
            long t = threads.getThreadCpuTime(id);
            if (t < 0) {
                continue;
            }
            if (!cpu.containsKey(id)) {
                ThreadInfo info = threads.getThreadInfo(id);
                if (info == null) {
                    continue;
                }
                names.put(id, info.getThreadName());
            }
            cpu.put(id, track(cpu.get(id), t));
        }
        sampleVmThreads();
        if (arming) {
            isArmed = true;
            if (serverDir != null) {
                serverAtArming = ServerCpu.nanos(serverDir);
            }
        }
    }

    /** The stage of a JVM-internal thread by its Linux name, or null for any other thread. */
    static String vmStage(String comm) {
        if (comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre")) {
            return JIT;
        }
        if (comm.startsWith("GC Thread") || comm.startsWith("G1 ")) {
            return GC;
        }
        return null;
    }

    private void sampleVmThreads() {
        if (!procReadable) {
            return;
        }
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                String tid = task.getFileName().toString();
                String stage = vmStage.get(tid);
                if (stage == null) {
                    if (vmStage.containsKey(tid)) {
                        continue; // a thread of no interest, seen before
                    }
                    stage = vmStage(read(task.resolve("comm")).strip());
                    vmStage.put(tid, stage);
                    if (stage == null) {
                        continue;
                    }
                }
                String stat = read(task.resolve("stat"));
                if (stat.isEmpty()) {
                    continue; // exited since the listing: its last sample stands
                }
                vmCpu.put(tid, track(vmCpu.get(tid), ProcStat.ticks(stat, false) * ProcStat.NANOS_PER_TICK));
            }
        } catch (IOException | RuntimeException e) {
            procReadable = false; // not Linux, or a format we do not know: report the rest as one line
        }
    }

    /**
     * A task's file, or "" when the thread has gone: reading a thread that is exiting fails with
     * ENOENT or ESRCH ("No such process"), which must not end the sampling of all the others.
     */
    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * A thread's {at arming, last sample} updated with its CPU time {@code t} now: before arming both
     * follow it; a thread first seen after arming started after it, so all of its time counts.
     */
    private long[] track(long[] v, long t) {
        if (v == null) {
            v = new long[] {isArmed ? 0 : t, t};
        }
        if (!isArmed) {
            v[0] = t;
        }
        v[1] = t;
        return v;
    }

    /** Stops sampling, after one last sample (the loop's sample() waits for this lock, then sees it stopped). */
    @Override
    public synchronized void close() {
        running = false;
        sampler.interrupt();
        sample();
        if (serverDir != null && serverAtArming >= 0) {
            serverAtClose = ServerCpu.nanos(serverDir);
        }
    }

    /** CPU seconds of the PostgreSQL server's processes over the armed interval; NaN when not measured. */
    synchronized double serverSeconds() {
        return serverAtArming >= 0 && serverAtClose >= serverAtArming ? (serverAtClose - serverAtArming) / 1e9
                : Double.NaN;
    }

    /** CPU seconds per stage over the armed interval, in report order (stages without threads are 0). */
    synchronized Map<String, Double> seconds() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String s : new String[] {FETCH, SOURCE, DELTAS, DETECT, RATES, SINKS, OTHER}) {
            out.put(s, 0.0);
        }
        if (procReadable) {
            out.put(JIT, 0.0);
            out.put(GC, 0.0);
            for (Map.Entry<String, long[]> e : vmCpu.entrySet()) {
                long[] v = e.getValue();
                out.merge(vmStage.get(e.getKey()), (v[1] - v[0]) / 1e9, Double::sum);
            }
        }
        for (Map.Entry<Long, long[]> e : cpu.entrySet()) {
            long[] v = e.getValue();
            out.merge(stage(names.get(e.getKey())), (v[1] - v[0]) / 1e9, Double::sum);
        }
        return out;
    }
}
