package io.stashwatch.testutil;

import java.util.List;

/**
 * Options of {@code POST /jars/<id>/run}: program arguments, parallelism, entry class, and the
 * savepoint or retained checkpoint to start from. Immutable; each setter returns a copy.
 *
 * @param args program arguments
 * @param parallelism job parallelism; 0 = the cluster's {@code parallelism.default}
 * @param entryClass main class; null = the jar manifest's
 * @param savepointPath savepoint or retained checkpoint to restore (path or URI); null = fresh start
 * @param allowNonRestoredState skip savepoint state of operators that no longer exist
 */
public record RunOptions(List<String> args, int parallelism, String entryClass, String savepointPath,
        boolean allowNonRestoredState) {

    public RunOptions {
        args = List.copyOf(args);
    }

    /** No arguments, the cluster's default parallelism, the manifest's main class, no restore. */
    public static RunOptions defaults() {
        return new RunOptions(List.of(), 0, null, null, false);
    }

    public RunOptions withArgs(List<String> newArgs) {
        return new RunOptions(newArgs, parallelism, entryClass, savepointPath, allowNonRestoredState);
    }

    public RunOptions withParallelism(int newParallelism) {
        return new RunOptions(args, newParallelism, entryClass, savepointPath, allowNonRestoredState);
    }

    public RunOptions withEntryClass(String newEntryClass) {
        return new RunOptions(args, parallelism, newEntryClass, savepointPath, allowNonRestoredState);
    }

    public RunOptions withSavepointPath(String newSavepointPath) {
        return new RunOptions(args, parallelism, entryClass, newSavepointPath, allowNonRestoredState);
    }

    public RunOptions withAllowNonRestoredState(boolean allow) {
        return new RunOptions(args, parallelism, entryClass, savepointPath, allow);
    }
}
