package io.stashwatch.bench;

/**
 * Fields of a Linux {@code /proc/<pid>/stat} or {@code /proc/<pid>/task/<tid>/stat} line. The name
 * in brackets may hold spaces and brackets, so fields are counted from the last ')'. CPU times are
 * in clock ticks of 10 ms (USER_HZ = 100 on Linux).
 */
final class ProcStat {
    static final long NANOS_PER_TICK = 10_000_000L;

    private ProcStat() {
    }

    /** Fields after the bracketed name: state is [0], ppid [1], utime [11], stime [12], cutime [13], cstime [14]. */
    private static String[] fields(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    }

    static String parentPid(String stat) {
        return fields(stat)[1];
    }

    /** utime + stime, plus the reaped children's cutime + cstime when {@code withChildren}. */
    static long ticks(String stat, boolean withChildren) {
        String[] f = fields(stat);
        long t = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        if (withChildren) {
            t += reaped(f);
        }
        return t;
    }

    /** cutime + cstime: the CPU of the exited children the process has reaped. */
    static long reapedChildrenTicks(String stat) {
        return reaped(fields(stat));
    }

    private static long reaped(String[] f) {
        return Long.parseLong(f[13]) + Long.parseLong(f[14]);
    }
}
