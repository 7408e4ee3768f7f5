package io.stashwatch.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
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
 * lost (at most one interval each); threads that are not Java threads (garbage collection, JIT
 * compilers, the VM's own) are not sampled at all, which is why the report gives the JVM's total
 * CPU minus these stages as its own line.
 */
final class StageCpu implements AutoCloseable {
    static final int SAMPLE_MILLIS = 20;

    /** Stages in report order, with a thread-name test each (first match wins). */
    static final String FETCH = "page fetch and parse (source fetcher thread)";
    static final String SOURCE = "split pages, serialise snapshots (source task)";
    static final String DELTAS = "stash deltas (and the currency filter)";
    static final String DETECT = "detector (and chained sinks)";
    static final String RATES = "river rates";
    static final String SINKS = "sink tasks";
    static final String OTHER = "other Java threads (Flink runtime, checkpoints, benchmark)";

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final BooleanSupplier armed;
    private final Map<Long, long[]> cpu = new HashMap<>(); // id -> {at arming, last}
    private final Map<Long, String> names = new HashMap<>();
    private final Thread sampler;
    private volatile boolean running = true;
    private boolean isArmed;

    /** Starts sampling; the measured interval begins when {@code armed} first returns true. */
    StageCpu(BooleanSupplier armed) {
        this.armed = armed;
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
            long[] v = cpu.get(id);
            if (v == null) {
                ThreadInfo info = threads.getThreadInfo(id);
                if (info == null) {
                    continue;
                }
                names.put(id, info.getThreadName());
                // A thread first seen after arming started after it: all of its time is in the interval.
                v = new long[] {isArmed ? 0 : t, t};
                cpu.put(id, v);
            }
            if (!isArmed) {
                v[0] = t;
            }
            v[1] = t;
        }
        if (arming) {
            isArmed = true;
        }
    }

    /** Stops sampling (after one last sample) and returns CPU seconds by stage, in report order. */
    @Override
    public synchronized void close() {
        running = false;
        sampler.interrupt();
        sample();
        // wait outside the lock is not needed: the loop only calls sample(), which takes the lock
    }

    /** CPU seconds per stage over the armed interval, in report order (stages without threads are 0). */
    synchronized Map<String, Double> seconds() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String s : new String[] {FETCH, SOURCE, DELTAS, DETECT, RATES, SINKS, OTHER}) {
            out.put(s, 0.0);
        }
        for (Map.Entry<Long, long[]> e : cpu.entrySet()) {
            long[] v = e.getValue();
            out.merge(stage(names.get(e.getKey())), (v[1] - v[0]) / 1e9, Double::sum);
        }
        return out;
    }
}
