package io.stashwatch.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time used so far by a PostgreSQL server and all of its processes, read from Linux's
 * {@code /proc}: the postmaster (its pid is the first line of {@code postmaster.pid} in the data
 * directory) with the CPU of its children that have exited ({@code cutime}, {@code cstime}), plus
 * every live child (backends, WAL writer, checkpointer, ...). The difference of two readings is the
 * server's CPU over that interval, so a benchmark can show how busy the database was while the job
 * wrote to it. -1 when it cannot be read (not Linux, no such server).
 */
final class ServerCpu {
    private ServerCpu() {
    }

    /** CPU nanoseconds of the server whose data directory is {@code dataDir}, or -1. */
    static long nanos(Path dataDir) {
        try {
            String pid = Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).strip();
            Path postmaster = Path.of("/proc", pid, "stat");
            // A child reaped while the children are listed would be in neither the postmaster's
            // cutime read before the listing nor the listing (backends exit as the job ends, so
            // this race takes all of their CPU): read again until no child was reaped meanwhile.
            for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
                String before = Files.readString(postmaster);
                long children = liveChildrenTicks(pid);
                String after = Files.readString(postmaster);
                if (ProcStat.reapedChildrenTicks(before) == ProcStat.reapedChildrenTicks(after)) {
                    return (ProcStat.ticks(after, true) + children) * ProcStat.NANOS_PER_TICK;
                }
            }
            return -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static final int MAX_ATTEMPTS = 20;

    private static long liveChildrenTicks(String pid) throws IOException {
        long ticks = 0;
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path p : procs) {
                String stat;
                try {
                    stat = Files.readString(p.resolve("stat"));
                } catch (IOException e) {
                    continue; // exited meanwhile
                }
                if (ProcStat.parentPid(stat).equals(pid)) {
                    ticks += ProcStat.ticks(stat, false);
                }
            }
        }
        return ticks;
    }
}
