package io.stashwatch.bench;

import io.stashwatch.market.StashDiff;
import io.stashwatch.market.StashState;
import io.stashwatch.market.StashStateCodec;
import io.stashwatch.model.ListingEvent;
import io.stashwatch.model.RiverPage;
import io.stashwatch.model.StashSnapshot;
import io.stashwatch.poe.PageParser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Delta operator throughput: {@link StashDiff} over the stash snapshots of a {@link SyntheticPages}
 * (stashes re-appear with listings added, sold, repriced, tabs gone private). One invocation is one
 * page of snapshots; the primary score is pages/s, the secondary results count snapshots, events
 * and megabytes of page JSON per second.
 *
 * <ul>
 *   <li>{@code heap}: states kept as objects (the hashmap backend).</li>
 *   <li>{@code serialized}: every access deserialises the previous state and serialises the new
 *       one (what the RocksDB backend costs on top of its own work).</li>
 *   <li>{@code parseAndDiff}: page bytes to events, parser included.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class StashDeltaBench {

    @Param("250")
    public int stashesPerPage;

    /** Distinct stashes: each re-appears about every stashPool / stashesPerPage pages. */
    @Param("5000")
    public int stashPool;

    @Param("96")
    public int pages;

    private byte[][] bodies;
    private RiverPage[] parsed;
    private PageParser parser;
    private StashDiff diff;
    private Map<String, StashState> heap;
    private Map<String, byte[]> serialized;
    private int next;

    /** Secondary results per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Volume {
        public long snapshots;
        public long events;
        public double mb;

        @Setup(Level.Iteration)
        public void reset() {
            snapshots = 0;
            events = 0;
            mb = 0;
        }
    }

    @Setup(Level.Trial)
    public void generate() throws IOException {
        SyntheticPages river = new SyntheticPages(2, stashPool, stashesPerPage);
        parser = new PageParser();
        bodies = new byte[pages][];
        parsed = new RiverPage[pages];
        for (int i = 0; i < pages; i++) {
            bodies[i] = river.nextPage();
            parsed[i] = parser.parse(bodies[i]);
            parsed[i].realm = "pc";
            parsed[i].changeId = SyntheticPages.changeId(i);
            parsed[i].seq = i;
            parsed[i].riverTime = 1_700_000_000_000L + i * 1000L;
            parsed[i].fillPageFields();
        }
    }

    /** Every iteration starts from states warmed by the first third of the pages. */
    @Setup(Level.Iteration)
    public void warm() {
        diff = new StashDiff();
        heap = new HashMap<>();
        serialized = new HashMap<>();
        next = 0;
        Consumer<ListingEvent> drop = e -> { };
        for (int i = 0; i < pages / 3; i++) {
            for (StashSnapshot s : parsed[i].stashes) {
                StashState st = diff.apply(heap.get(s.stashId), s, drop);
                if (st == null) {
                    heap.remove(s.stashId);
                    serialized.remove(s.stashId);
                } else {
                    heap.put(s.stashId, st);
                    serialized.put(s.stashId, write(st));
                }
            }
        }
        next = pages / 3;
    }

    private int nextPage() {
        int i = next++;
        if (next == pages) {
            next = pages / 3; // the states have moved on: re-reading old pages is still real diff work
        }
        return i;
    }

    @Benchmark
    public void heap(Volume v, Blackhole bh) {
        RiverPage page = parsed[nextPage()];
        Consumer<ListingEvent> out = e -> {
            v.events++;
            bh.consume(e);
        };
        for (StashSnapshot s : page.stashes) {
            StashState prev = heap.get(s.stashId);
            StashState st = diff.apply(prev, s, out);
            if (st == null) {
                if (prev != null) {
                    heap.remove(s.stashId);
                }
            } else if (st != prev) {
                heap.put(s.stashId, st);
            }
        }
        v.snapshots += page.stashes.length;
        v.mb += page.bytes / 1e6;
    }

    @Benchmark
    public void serialized(Volume v, Blackhole bh) throws IOException {
        RiverPage page = parsed[nextPage()];
        Consumer<ListingEvent> out = e -> {
            v.events++;
            bh.consume(e);
        };
        for (StashSnapshot s : page.stashes) {
            byte[] b = serialized.get(s.stashId);
            StashState prev = b == null ? null : StashStateCodec.read(new DataInputStream(new ByteArrayInputStream(b)));
            StashState st = diff.apply(prev, s, out);
            if (st == null) {
                if (prev != null) {
                    serialized.remove(s.stashId);
                }
            } else if (st != prev) {
                serialized.put(s.stashId, write(st));
            }
        }
        v.snapshots += page.stashes.length;
        v.mb += page.bytes / 1e6;
    }

    @Benchmark
    public void parseAndDiff(Volume v, Blackhole bh) throws IOException {
        int i = nextPage();
        RiverPage page = parser.parse(bodies[i]);
        page.realm = "pc";
        page.changeId = SyntheticPages.changeId(i);
        page.seq = i;
        page.fillPageFields();
        Consumer<ListingEvent> out = e -> {
            v.events++;
            bh.consume(e);
        };
        for (StashSnapshot s : page.stashes) {
            StashState prev = heap.get(s.stashId);
            StashState st = diff.apply(prev, s, out);
            if (st == null) {
                if (prev != null) {
                    heap.remove(s.stashId);
                }
            } else if (st != prev) {
                heap.put(s.stashId, st);
            }
        }
        v.snapshots += page.stashes.length;
        v.mb += page.bytes / 1e6;
    }

    private static byte[] write(StashState s) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
            StashStateCodec.write(s, new DataOutputStream(bytes));
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
