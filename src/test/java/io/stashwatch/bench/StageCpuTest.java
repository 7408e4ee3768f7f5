package io.stashwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class StageCpuTest {

    @Test
    void stagesAreFoundByFlinkTaskThreadNames() {
        // Thread names of the benchmark job as Flink 2.3 names its task threads.
        assertThat(StageCpu.stage("Source Data Fetcher for Source: river -> split pages -> discard pages: Writer (1/1)#0"))
                .isEqualTo(StageCpu.FETCH);
        assertThat(StageCpu.stage("Source: river -> split pages -> ingest_pages: Writer (1/1)#0"))
                .isEqualTo(StageCpu.SOURCE);
        assertThat(StageCpu.stage("stash deltas -> currency listings (2/2)#0")).isEqualTo(StageCpu.DELTAS);
        assertThat(StageCpu.stage("detect -> (count events -> discard events: Writer, discard stats: Writer) (1/2)#0"))
                .isEqualTo(StageCpu.DETECT);
        assertThat(StageCpu.stage("river rates (1/2)#0")).isEqualTo(StageCpu.RATES);
        assertThat(StageCpu.stage("listing_events: Writer (1/2)#0")).isEqualTo(StageCpu.SINKS);
        assertThat(StageCpu.stage("flink-pekko.actor.default-dispatcher-5")).isEqualTo(StageCpu.OTHER);
    }

    @Test
    void readsTheJvmsOwnThreadsFromProc() {
        assertThat(StageCpu.vmStage("C2 CompilerThre")).isEqualTo(StageCpu.JIT);
        assertThat(StageCpu.vmStage("C1 CompilerThre")).isEqualTo(StageCpu.JIT);
        assertThat(StageCpu.vmStage("GC Thread#1")).isEqualTo(StageCpu.GC);
        assertThat(StageCpu.vmStage("G1 Conc#0")).isEqualTo(StageCpu.GC);
        assertThat(StageCpu.vmStage("detect -> (coun")).isNull();
        // utime 1500 + stime 25 ticks; the name in brackets holds spaces and a ')'.
        assertThat(ProcStat.ticks("4242 (C2 Compiler) x) S 1 2 3 4 5 6 7 8 9 10 1500 25 0 0 20 0 1 0", false)).isEqualTo(1525);
    }

    @Test
    void readsAServersCpuWithItsExitedChildren() {
        String stat = "77 (postgres) S 1 77 77 0 -1 4194560 1 2 3 4 120 30 400 50 20 0 1 0";
        assertThat(ProcStat.parentPid(stat)).isEqualTo("1");
        assertThat(ProcStat.ticks(stat, false)).isEqualTo(150);
        assertThat(ProcStat.ticks(stat, true)).isEqualTo(600);
        assertThat(ProcStat.reapedChildrenTicks(stat)).isEqualTo(450);
        assertThat(ServerCpu.nanos(java.nio.file.Path.of("/nonexistent"))).isEqualTo(-1);
    }

    @Test
    void attributesAThreadsCpuTimeAfterArmingToItsStage() throws Exception {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        AtomicBoolean armed = new AtomicBoolean(false);
        Map<String, Double> seconds;
        try (StageCpu cpu = new StageCpu(armed::get)) {
            // CPU spent before arming does not count.
            Thread before = busy("stash deltas (1/1)#0", 150_000_000L, mx);
            before.start();
            before.join();
            Thread.sleep(3 * StageCpu.SAMPLE_MILLIS);
            armed.set(true);
            Thread.sleep(3 * StageCpu.SAMPLE_MILLIS);
            Thread during = busy("detect -> sinks (1/1)#0", 200_000_000L, mx);
            during.start();
            during.join();
            cpu.close();
            seconds = cpu.seconds();
        }
        assertThat(seconds.get(StageCpu.DETECT)).isBetween(0.15, 1.0);
        assertThat(seconds.get(StageCpu.DELTAS)).isLessThan(0.05);
    }

    /** A thread that burns {@code cpuNanos} of its own CPU time, then stays alive for a few samples. */
    private static Thread busy(String name, long cpuNanos, ThreadMXBean mx) {
        return new Thread(() -> {
            long x = 0;
            while (mx.getCurrentThreadCpuTime() < cpuNanos) {
                x += Long.numberOfTrailingZeros(x + 1);
            }
            try {
                Thread.sleep(5L * StageCpu.SAMPLE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (x == 42) {
                System.out.print("");
            }
        }, name);
    }
}
