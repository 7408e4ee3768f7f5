package io.stashwatch.bench;

import io.stashwatch.detect.StashDeltaFunction;
import io.stashwatch.model.EventKind;
import io.stashwatch.model.ListingEvent;
import io.stashwatch.model.RiverPage;
import io.stashwatch.model.StashSnapshot;
import io.stashwatch.poe.PageParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.StateBackendLoader;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.runtime.state.storage.FileSystemCheckpointStorage;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/**
 * Measures the delta operator's state per live listing on real state backends: loads the stashes
 * of a {@link SyntheticPages} through {@link StashDeltaFunction} in Flink's operator harness, takes
 * a checkpoint and divides its size by the live listings (listed minus delisted events).
 *
 * <p>Backends: {@code hashmap} (checkpoint = serialised state; also the heap it holds),
 * {@code rocksdb} (the SST files a checkpoint ships; Flink 2 checkpoints RocksDB natively, full or
 * incremental), {@code forst} (when flink-statebackend-forst is on the classpath).
 *
 * <pre>
 *   java -cp target/test-classes:target/classes:$(cat cp.txt) io.stashwatch.bench.StateSizeReport 1000000 hashmap,rocksdb
 * </pre>
 */
public final class StateSizeReport {

    /** One measurement. */
    public record Result(String backend, long stashes, long listings, long checkpointBytes, long heapBytes,
            long checkpointMillis, long millis, String handles) {

        public double bytesPerListing() {
            return (double) checkpointBytes / listings;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT,
                    "%-13s %8d stashes %9d listings  checkpoint %,13d B = %6.1f B/listing in %d ms%s  (run %d s, %s)",
                    backend, stashes, listings, checkpointBytes, bytesPerListing(), checkpointMillis,
                    heapBytes >= 0 ? String.format(Locale.ROOT, "  heap +%,d B = %.0f B/listing", heapBytes,
                            (double) heapBytes / listings) : "", millis / 1000, handles);
        }
    }

    private StateSizeReport() {
    }

    /** Stash pool and pages for about {@code listings} live listings (each stash is seen about twice). */
    public static int[] shapeFor(long listings) {
        int pool = (int) Math.max(500, listings / 10);
        int pages = Math.max(4, pool * 2 / 250);
        return new int[] {pool, pages};
    }

    public static Result measure(String backend, long targetListings, Path dir) throws Exception {
        int[] shape = shapeFor(targetListings);
        SyntheticPages river = new SyntheticPages(17, shape[0], 250);
        PageParser parser = new PageParser();
        long start = System.currentTimeMillis();
        KeyedOneInputStreamOperatorTestHarness<String, StashSnapshot, ListingEvent> h =
                new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new StashDeltaFunction()),
                        StashDeltaFunction::key, Types.STRING);
        try {
            h.setStateBackend(backend(backend, dir));
            h.setCheckpointStorage(new FileSystemCheckpointStorage(dir.resolve("checkpoints").toUri()));
            h.open();
            long live = 0;
            Map<String, Integer> perStash = new HashMap<>();
            for (int p = 0; p < shape[1]; p++) {
                RiverPage page = parser.parse(river.nextPage());
                page.realm = "pc";
                page.changeId = SyntheticPages.changeId(p);
                page.seq = p;
                page.riverTime = 1_700_000_000_000L + p * 1000L;
                page.fillPageFields();
                for (StashSnapshot s : page.stashes) {
                    h.processElement(new StreamRecord<>(s, s.riverTime));
                }
                for (Object o : h.getOutput()) {
                    if (o instanceof StreamRecord<?> r && r.getValue() instanceof ListingEvent e) {
                        int d = e.kind == EventKind.LISTED ? 1 : e.kind == EventKind.DELISTED ? -1 : 0;
                        live += d;
                        perStash.merge(e.stashId, d, (a, b) -> a + b == 0 ? null : a + b);
                    }
                }
                h.getOutput().clear();
            }
            long t0 = System.nanoTime();
            OperatorSubtaskState checkpoint = h.snapshot(1, 0);
            long checkpointMillis = (System.nanoTime() - t0) / 1_000_000;
            long bytes = checkpoint.getStateSize();
            String kind = checkpoint.getManagedKeyedState().stream().map(k -> k.getClass().getSimpleName()).distinct()
                    .reduce((a, b) -> a + "," + b).orElse("none");
            long heap = -1;
            if (backend.equals("hashmap")) {
                // heap held by the backend: used heap with it, minus used heap once it is closed
                long with = usedHeap();
                h.close();
                h = null; // the harness still references the state table
                heap = with - usedHeap();
            }
            Result result = new Result(backend, perStash.size(), live, bytes, heap, checkpointMillis,
                    System.currentTimeMillis() - start, kind);
            // the generator stays reachable until here, so it is in both heap measurements
            return river.pageNumber() >= 0 ? result : null;
        } finally {
            if (h != null) {
                h.close();
            }
        }
    }

    private static StateBackend backend(String name, Path dir) throws Exception {
        switch (name) {
            case "hashmap":
                return new HashMapStateBackend();
            case "rocksdb": {
                EmbeddedRocksDBStateBackend b = new EmbeddedRocksDBStateBackend(true);
                b.setDbStoragePath(dir.resolve("rocksdb").toString());
                // the harness has almost no managed memory; a job gives RocksDB hundreds of MB
                b.getMemoryConfiguration().setUseManagedMemory(false);
                return b;
            }
            case "forst": {
                Configuration conf = new Configuration();
                conf.setString("state.backend.type", "forst");
                conf.setString("state.backend.forst.local-dir", dir.resolve("forst").toString());
                conf.setString("execution.checkpointing.incremental", "true");
                conf.setString("state.backend.forst.memory.managed", "false");
                return StateBackendLoader.loadStateBackendFromConfig(conf, StateSizeReport.class.getClassLoader(),
                        null);
            }
            default:
                throw new IllegalArgumentException("unknown backend " + name);
        }
    }

    private static long usedHeap() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(50);
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }

    public static void main(String[] args) throws Exception {
        long listings = args.length > 0 ? Long.parseLong(args[0]) : 100_000;
        String[] backends = (args.length > 1 ? args[1] : "hashmap,rocksdb").split(",");
        List<Result> results = new ArrayList<>();
        for (String b : backends) {
            Path dir = Files.createTempDirectory("state-size-" + b);
            try {
                Result r = measure(b, listings, dir);
                System.out.println(r);
                results.add(r);
            } finally {
                org.apache.flink.util.FileUtils.deleteDirectory(dir.toFile());
            }
        }
    }
}
