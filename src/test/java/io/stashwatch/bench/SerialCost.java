package io.stashwatch.bench;

import io.stashwatch.detect.StashStateSerializer;
import io.stashwatch.market.StashDiff;
import io.stashwatch.market.StashState;
import io.stashwatch.model.ListingEvent;
import io.stashwatch.model.RiverPage;
import io.stashwatch.model.StashSnapshot;
import io.stashwatch.model.serial.ListingEventSerializer;
import io.stashwatch.model.serial.StashSnapshotSerializer;
import io.stashwatch.poe.PageParser;
import io.stashwatch.testing.Snapshots;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputViewStreamWrapper;

/**
 * CPU time (this thread's, so less exposed to a busy machine than wall time) of the job's
 * serialisation outside the detector, on the benchmark corpus: stash snapshots through the
 * shuffle (write + read), listing events through the shuffle, listing events and stash states into
 * a checkpoint-like stream, and the stash diff itself. Best of several rounds. Run by hand:
 * {@code java -cp target/classes:target/test-classes:<deps> io.stashwatch.bench.SerialCost [pages] [rounds]}.
 */
public final class SerialCost {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private SerialCost() {
    }

    public static void main(String[] args) throws Exception {
        int pages = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        Corpus corpus = Corpus.generate(7, pages, 500, done -> { });
        PageParser parser = new PageParser();
        List<StashSnapshot> snapshots = new ArrayList<>();
        for (int i = 0; i < corpus.pageCount(); i++) {
            RiverPage p = parser.parse(corpus.page(i));
            p.changeId = corpus.changeId(i);
            p.realm = "pc";
            p.fillPageFields();
            snapshots.addAll(List.of(p.stashes));
        }
        List<ListingEvent> events = new ArrayList<>();
        Map<String, StashState> states = diffAll(snapshots, events);
        System.out.printf("%d snapshots, %d events, %d stash states%n", snapshots.size(), events.size(), states.size());

        DataOutputSerializer buf = new DataOutputSerializer(1 << 16);
        double[] best = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        long sink = 0;
        for (int r = 0; r < rounds; r++) {
            long t0 = cpu();
            for (StashSnapshot s : snapshots) {
                buf.clear();
                StashSnapshotSerializer.INSTANCE.serialize(s, buf);
                DataInputDeserializer in = new DataInputDeserializer(buf.getSharedBuffer(), 0, buf.length());
                sink += StashSnapshotSerializer.INSTANCE.deserialize(in).items.length;
            }
            long t1 = cpu();
            for (ListingEvent e : events) {
                buf.clear();
                ListingEventSerializer.INSTANCE.serialize(e, buf);
                DataInputDeserializer in = new DataInputDeserializer(buf.getSharedBuffer(), 0, buf.length());
                sink += ListingEventSerializer.INSTANCE.deserialize(in).seq;
            }
            long t2 = cpu();
            Counting counting = new Counting();
            DataOutputViewStreamWrapper stream = new DataOutputViewStreamWrapper(new BufferedOutputStream(counting, 4096));
            for (ListingEvent e : events) {
                ListingEventSerializer.INSTANCE.serialize(e, stream);
            }
            stream.flush();
            long t3 = cpu();
            for (StashState s : states.values()) {
                StashStateSerializer.INSTANCE.serialize(s, stream);
            }
            stream.flush();
            long t4 = cpu();
            sink += diffAll(snapshots, new ArrayList<>()).size() + counting.n;
            long t5 = cpu();
            double[] ns = {(t1 - t0) / (double) snapshots.size(), (t2 - t1) / (double) events.size(),
                (t3 - t2) / (double) events.size(), (t4 - t3) / (double) states.size(),
                (t5 - t4) / (double) snapshots.size()};
            for (int i = 0; i < ns.length; i++) {
                best[i] = Math.min(best[i], ns[i]);
            }
        }
        System.out.printf("ns CPU (best of %d): snapshot shuffle %.0f/snapshot, event shuffle %.0f/event, "
                + "event to stream %.0f/event, stash state to stream %.0f/state, stash diff %.0f/snapshot (%d)%n",
                rounds, best[0], best[1], best[2], best[3], best[4], sink % 10);
    }

    private static Map<String, StashState> diffAll(List<StashSnapshot> snapshots, List<ListingEvent> events) {
        return Snapshots.diffAll(new StashDiff((r, n) -> { }), snapshots, events::add);
    }

    private static long cpu() {
        return THREADS.getCurrentThreadCpuTime();
    }

    private static final class Counting extends OutputStream {
        long n;

        @Override
        public void write(int b) {
            n++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            n += len;
        }
    }
}
