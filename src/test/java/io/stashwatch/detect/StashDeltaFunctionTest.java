package io.stashwatch.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.stashwatch.market.StashDiff;
import io.stashwatch.model.ListingEvent;
import io.stashwatch.model.StashSnapshot;
import io.stashwatch.testing.Snapshots;
import io.stashwatch.testing.RiverSnapshots;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.runtime.state.storage.FileSystemCheckpointStorage;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The operator in Flink's operator test harness: keyed state, checkpoints and restores on real backends. */
class StashDeltaFunctionTest {

    private static List<StashSnapshot> snapshots;
    private static List<String> expected;

    @TempDir
    Path checkpoints;

    @BeforeAll
    static void river() {
        snapshots = RiverSnapshots.snapshots(5, 400, 60, 40);
        // the reference: the pure diff over the same sequence
        List<ListingEvent> events = new ArrayList<>();
        Snapshots.diffAll(new StashDiff(), snapshots, events::add);
        expected = events.stream().map(StashDeltaFunctionTest::describe).toList();
        assertThat(expected).hasSizeGreaterThan(1000);
    }

    private static String describe(ListingEvent e) {
        return e.eventId + " " + e.kind + " " + e.itemId + " " + e.itemKey + " " + e.priceAmount + " " + e.priceCurrency
                + " " + e.prevPriceAmount + " " + e.league + " " + e.accountName + " " + e.changeId + " " + e.seq;
    }

    private KeyedOneInputStreamOperatorTestHarness<String, StashSnapshot, ListingEvent> harness(String backend)
            throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new StashDeltaFunction()),
                StashDeltaFunction::key, Types.STRING);
        StateBackend sb = backend.equals("rocksdb") ? new EmbeddedRocksDBStateBackend(true) : new HashMapStateBackend();
        h.setStateBackend(sb);
        h.setCheckpointStorage(new FileSystemCheckpointStorage(checkpoints.toUri()));
        return h;
    }

    private static void feed(KeyedOneInputStreamOperatorTestHarness<String, StashSnapshot, ListingEvent> h,
            List<StashSnapshot> input) throws Exception {
        for (StashSnapshot s : input) {
            h.processElement(new StreamRecord<>(s, s.riverTime));
        }
    }

    private static List<String> described(List<StreamRecord<? extends ListingEvent>> records) {
        List<String> out = new ArrayList<>();
        for (StreamRecord<? extends ListingEvent> r : records) {
            assertThat(r.getTimestamp()).as("event time is the page's river time").isEqualTo(r.getValue().riverTime);
            out.add(describe(r.getValue()));
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void sameEventsAsThePureDiff(String backend) throws Exception {
        try (var h = harness(backend)) {
            h.open();
            feed(h, snapshots);
            assertThat(described(h.extractOutputStreamRecords())).containsExactlyElementsOf(expected);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void aRestoreFromACheckpointContinuesExactly(String backend) throws Exception {
        int cut = snapshots.size() / 3;
        List<String> out = new ArrayList<>();
        OperatorSubtaskState checkpoint;
        try (var h = harness(backend)) {
            h.open();
            feed(h, snapshots.subList(0, cut));
            checkpoint = h.snapshot(1, snapshots.get(cut).riverTime);
            out.addAll(described(h.extractOutputStreamRecords()));
            // records after the checkpoint are processed, then lost with a failure
            feed(h, snapshots.subList(cut, cut + 50));
        }
        try (var h = harness(backend)) {
            h.initializeState(checkpoint);
            h.open();
            feed(h, snapshots.subList(cut, snapshots.size()));
            out.addAll(described(h.extractOutputStreamRecords()));
        }
        assertThat(out).containsExactlyElementsOf(expected);
    }
}
