package io.stashwatch.source.enumerator;

import static org.assertj.core.api.Assertions.assertThat;

import io.stashwatch.poe.PoeRiverFetcherFactory;
import io.stashwatch.poe.PoeSettings;
import io.stashwatch.source.split.RiverSplit;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.api.connector.source.mocks.MockSplitEnumeratorContext;
import org.junit.jupiter.api.Test;

/**
 * The enumerator on Flink's test context: one split per realm from {@code poe.start-change-id},
 * realm i to reader i mod parallelism, no new splits after a restore, splits handed back to a
 * failed reader's successor, and the end of splits in bounded mode only.
 */
class RiverSplitEnumeratorTest {
    private static final long EPOCH = 1_735_689_600_000L;
    private static final String START = "100-200-300-400-500";

    /** The real client's factory; explicit ids and "beginning" resolve without a request. */
    private static PoeRiverFetcherFactory fetchers(URI headUrl) {
        return new PoeRiverFetcherFactory(PoeSettings.builder().apiUrl(URI.create("http://127.0.0.1:9"))
                .tokenUrl(URI.create("http://127.0.0.1:9/oauth/token")).headUrl(headUrl)
                .clientId("tests").clientSecret("secret").contact("tests@stashwatch.invalid").build());
    }

    private static RiverSplitEnumerator enumerator(MockSplitEnumeratorContext<RiverSplit> context, List<String> realms,
            String start, boolean bounded, RiverEnumeratorState restored) {
        return new RiverSplitEnumerator(context, fetchers(null), realms, start, EPOCH, bounded, restored);
    }

    private static void register(MockSplitEnumeratorContext<RiverSplit> context, RiverSplitEnumerator e, int reader) {
        context.registerReader(new ReaderInfo(reader, "localhost"));
        e.addReader(reader);
    }

    private static Map<Integer, List<RiverSplit>> assigned(MockSplitEnumeratorContext<RiverSplit> context) {
        Map<Integer, List<RiverSplit>> out = new java.util.TreeMap<>();
        for (SplitsAssignment<RiverSplit> a : context.getSplitsAssignmentSequence()) {
            a.assignment().forEach((reader, splits) -> out.computeIfAbsent(reader, r -> new ArrayList<>()).addAll(splits));
        }
        return out;
    }

    @Test
    void createsOneSplitPerRealmAtTheStartAndAssignsRealmIToReaderIModParallelism() throws Throwable {
        try (MockSplitEnumeratorContext<RiverSplit> context = new MockSplitEnumeratorContext<>(2)) {
            RiverSplitEnumerator e = enumerator(context, List.of("pc", "xbox", "sony"), START, false, null);
            e.start();
            register(context, e, 0);
            assertThat(context.getSplitsAssignmentSequence()).as("nothing before the start is resolved").isEmpty();
            for (int i = 0; i < 3; i++) {
                context.runNextOneTimeCallable();
            }
            assertThat(assigned(context)).containsOnlyKeys(0)
                    .containsEntry(0, List.of(new RiverSplit("pc", START, 0, EPOCH), new RiverSplit("sony", START, 0, EPOCH)));
            RiverEnumeratorState pendingXbox = e.snapshotState(1);
            assertThat(pendingXbox.initializedRealms()).containsExactlyInAnyOrder("pc", "xbox", "sony");
            assertThat(pendingXbox.pending()).containsExactly(new RiverSplit("xbox", START, 0, EPOCH));

            register(context, e, 1);
            assertThat(assigned(context)).containsEntry(1, List.of(new RiverSplit("xbox", START, 0, EPOCH)));
            assertThat(e.snapshotState(2).pending()).isEmpty();
            assertThat(context.hasNoMoreSplits(0)).as("unbounded: never the end").isFalse();
            assertThat(context.hasNoMoreSplits(1)).isFalse();
        }
    }

    @Test
    void beginningStartsAtTheFirstPageOfTheRiver() throws Throwable {
        try (MockSplitEnumeratorContext<RiverSplit> context = new MockSplitEnumeratorContext<>(1)) {
            RiverSplitEnumerator e = enumerator(context, List.of("pc"), "beginning", false, null);
            e.start();
            register(context, e, 0);
            context.runNextOneTimeCallable();
            assertThat(assigned(context)).containsEntry(0, List.of(new RiverSplit("pc", "", 0, EPOCH)));
        }
    }

    @Test
    void boundedSignalsTheEndToEveryReaderOnceItHoldsItsSplit() throws Throwable {
        try (MockSplitEnumeratorContext<RiverSplit> context = new MockSplitEnumeratorContext<>(3)) {
            RiverSplitEnumerator e = enumerator(context, List.of("pc", "xbox"), START, true, null);
            e.start();
            register(context, e, 0);
            register(context, e, 2);
            assertThat(context.hasNoMoreSplits(0)).as("not before the splits exist").isFalse();
            context.runNextOneTimeCallable();
            assertThat(context.hasNoMoreSplits(0)).as("not before every realm has its split").isFalse();
            context.runNextOneTimeCallable();
            assertThat(context.hasNoMoreSplits(0)).isTrue();
            assertThat(context.hasNoMoreSplits(2)).as("reader 2 gets no realm and finishes").isTrue();
            assertThat(context.hasNoMoreSplits(1)).as("reader 1 has not registered yet").isFalse();
            register(context, e, 1);
            assertThat(assigned(context)).containsEntry(1, List.of(new RiverSplit("xbox", START, 0, EPOCH)));
            assertThat(context.hasNoMoreSplits(1)).isTrue();
        }
    }

    @Test
    void aRestoredEnumeratorNeverCreatesASplitAgain() throws Throwable {
        try (MockSplitEnumeratorContext<RiverSplit> context = new MockSplitEnumeratorContext<>(1)) {
            // The split lives in the reader's state; the enumerator only remembers the realm was started.
            RiverSplitEnumerator e = enumerator(context, List.of("pc"), "something-else", true,
                    new RiverEnumeratorState(Set.of("pc"), List.of()));
            e.start();
            assertThat(context.getOneTimeCallables()).as("no start id is resolved again").isEmpty();
            register(context, e, 0);
            assertThat(context.getSplitsAssignmentSequence()).isEmpty();
            assertThat(context.hasNoMoreSplits(0)).isTrue();
        }
    }

    @Test
    void aRestoredPendingSplitGoesToItsReaderWithItsPosition() throws Throwable {
        RiverSplit mid = new RiverSplit("xbox", "7-7-7-7-7", 41, EPOCH + 41_000);
        try (MockSplitEnumeratorContext<RiverSplit> context = new MockSplitEnumeratorContext<>(2)) {
            RiverSplitEnumerator e = enumerator(context, List.of("pc", "xbox"), START, false,
                    new RiverEnumeratorState(Set.of("pc", "xbox"), List.of(mid)));
            e.start();
            register(context, e, 0);
            register(context, e, 1);
            assertThat(assigned(context)).containsOnlyKeys(1).containsEntry(1, List.of(mid));
        }
    }

    @Test
    void splitsOfAFailedReaderGoBackToItsSuccessorUnchanged() throws Throwable {
        try (MockSplitEnumeratorContext<RiverSplit> context = new MockSplitEnumeratorContext<>(2)) {
            RiverSplitEnumerator e = enumerator(context, List.of("pc", "xbox"), START, false, null);
            e.start();
            register(context, e, 0);
            register(context, e, 1);
            context.runNextOneTimeCallable();
            context.runNextOneTimeCallable();
            int before = context.getSplitsAssignmentSequence().size();

            RiverSplit progressed = new RiverSplit("xbox", "8-8-8-8-8", 12, EPOCH + 12_000);
            context.unregisterReader(1);
            e.addSplitsBack(List.of(progressed), 1);
            assertThat(context.getSplitsAssignmentSequence()).as("held while the reader is away").hasSize(before);
            assertThat(e.snapshotState(3).pending()).containsExactly(progressed);

            register(context, e, 1);
            List<SplitsAssignment<RiverSplit>> seq = context.getSplitsAssignmentSequence();
            assertThat(seq).hasSize(before + 1);
            assertThat(seq.get(before).assignment()).containsExactly(Map.entry(1, List.of(progressed)));
            assertThat(e.snapshotState(4).pending()).isEmpty();
        }
    }
}
