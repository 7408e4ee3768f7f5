package io.stashwatch.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stashwatch.model.RiverPage;
import io.stashwatch.poe.PoeRiverFetcherFactory;
import io.stashwatch.poe.SimulatedApi;
import io.stashwatch.simulator.server.SimulatorSettings;
import io.stashwatch.simulator.server.SyntheticRiverFeed;
import io.stashwatch.source.enumerator.RiverSplitEnumerator;
import io.stashwatch.source.reader.RiverSourceReader;
import io.stashwatch.source.split.RiverSplit;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.api.connector.source.mocks.MockSplitEnumeratorContext;
import org.apache.flink.connector.testutils.source.reader.TestingReaderContext;
import org.apache.flink.core.io.InputStatus;
import org.junit.jupiter.api.Test;

/**
 * The river source's reader and enumerator against the simulator over HTTP, with the real client:
 * a split restored in the middle of the river continues exactly at its cursor with the same seq
 * and river time, a bounded reader finishes at the head, and "head" is looked up once.
 */
class RiverSourceIT {
    private static final long EPOCH = 1_735_689_600_000L;
    private static final long PAGE = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A page and the timestamp it was emitted with. */
    private record Emitted(RiverPage page, long timestamp) {
    }

    /** Records what a reader emits. */
    private static final class Recorder implements ReaderOutput<RiverPage>, SourceOutput<RiverPage> {
        final List<Emitted> emitted = new ArrayList<>();

        @Override
        public void collect(RiverPage record) {
            throw new AssertionError("the river source always emits with a timestamp");
        }

        @Override
        public void collect(RiverPage record, long timestamp) {
            emitted.add(new Emitted(record, timestamp));
        }

        @Override
        public void emitWatermark(Watermark watermark) {
        }

        @Override
        public void markIdle() {
        }

        @Override
        public void markActive() {
        }

        @Override
        public SourceOutput<RiverPage> createOutputForSplit(String splitId) {
            return this;
        }

        @Override
        public void releaseOutputForSplit(String splitId) {
        }
    }

    private static SimulatedApi simulator(long pages, long backlog, Duration pace) throws Exception {
        return SimulatedApi.start(SimulatorSettings.builder().pace(pace).backlog(backlog).riverRule("client", "1000:1:1"),
                new SyntheticRiverFeed(pages, 6, 3));
    }

    private static RiverSourceReader reader(SimulatedApi api, Duration idleTimeout) {
        return new RiverSourceReader(new TestingReaderContext(), new PoeRiverFetcherFactory(api.client().build()),
                new PageParserDeserializer(), PAGE, idleTimeout);
    }

    /** Polls until {@code n} pages are out (or the end of input); returns the last status. */
    private static InputStatus poll(RiverSourceReader reader, Recorder out, int n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        InputStatus status = InputStatus.NOTHING_AVAILABLE;
        while (out.emitted.size() < n && status != InputStatus.END_OF_INPUT) {
            assertThat(System.nanoTime()).as("%d pages within 30 s", n).isLessThan(deadline);
            status = reader.pollNext(out);
            if (status == InputStatus.NOTHING_AVAILABLE) {
                try {
                    reader.isAvailable().get(100, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    // poll again
                }
            }
        }
        return status;
    }

    private static void assertPage(Emitted e, SyntheticRiverFeed feed, long k) throws Exception {
        RiverPage p = e.page();
        assertThat(p.changeId).as("change id of page %d", k).isEqualTo(feed.changeId(k));
        assertThat(p.nextChangeId).isEqualTo(feed.changeId(k + 1));
        assertThat(p.seq).as("seq of page %d", k).isEqualTo(k);
        assertThat(p.riverTime).as("river time of page %d", k).isEqualTo(EPOCH + k * PAGE);
        assertThat(e.timestamp()).as("timestamp of page %d", k).isEqualTo(p.riverTime);
        assertThat(p.realm).isEqualTo("pc");
        assertThat(p.stashes).hasSize(JSON.readTree(feed.pageJson(k)).get("stashes").size());
        assertThat(p.stashes[0].seq).isEqualTo(k);
        assertThat(p.stashes[0].changeId).isEqualTo(feed.changeId(k));
    }

    @Test
    void aSplitRestoredMidRiverContinuesExactlyAtItsCursorOnTheSameClock() throws Exception {
        try (SimulatedApi api = simulator(60, 60, Duration.ZERO)) {
            SyntheticRiverFeed feed = api.feed;
            RiverSplit restored = new RiverSplit("pc", feed.changeId(17), 17, EPOCH + 17 * PAGE);
            RiverSourceReader first = reader(api, null);
            Recorder out = new Recorder();
            List<RiverSplit> snapshot;
            try {
                first.start();
                first.addSplits(List.of(restored));
                poll(first, out, 5);
                // The fetcher reads ahead; the checkpointed position is right after the last page emitted.
                snapshot = first.snapshotState(1);
            } finally {
                first.close();
            }
            assertThat(out.emitted).hasSize(5);
            for (int i = 0; i < 5; i++) {
                assertPage(out.emitted.get(i), feed, 17 + i);
            }
            assertThat(snapshot).containsExactly(new RiverSplit("pc", feed.changeId(22), 22, EPOCH + 22 * PAGE));

            RiverSourceReader second = reader(api, null);
            Recorder more = new Recorder();
            try {
                second.start();
                second.addSplits(snapshot);
                poll(second, more, 3);
                assertThat(second.snapshotState(2)).containsExactly(new RiverSplit("pc", feed.changeId(25), 25, EPOCH + 25 * PAGE));
            } finally {
                second.close();
            }
            for (int i = 0; i < 3; i++) {
                assertPage(more.emitted.get(i), feed, 22 + i);
            }
        }
    }

    @Test
    void aBoundedReaderEmitsEveryPageOnceAndFinishesAfterTheIdleTimeoutAtTheHead() throws Exception {
        try (SimulatedApi api = simulator(8, 8, Duration.ZERO)) {
            RiverSourceReader reader = reader(api, Duration.ofMillis(300));
            Recorder out = new Recorder();
            try {
                reader.start();
                reader.addSplits(List.of(new RiverSplit("pc", api.feed.changeId(0), 0, EPOCH)));
                reader.notifyNoMoreSplits();
                assertThat(poll(reader, out, Integer.MAX_VALUE)).isEqualTo(InputStatus.END_OF_INPUT);
                assertThat(reader.snapshotState(1)).as("a finished realm leaves no state").isEmpty();
            } finally {
                reader.close();
            }
            assertThat(out.emitted).hasSize(8);
            for (int k = 0; k < 8; k++) {
                assertPage(out.emitted.get(k), api.feed, k);
            }
        }
    }

    @Test
    void headIsLookedUpOnceAndTheSplitStartsThere() throws Throwable {
        try (SimulatedApi api = simulator(-1, 10, Duration.ofHours(1));
                MockSplitEnumeratorContext<RiverSplit> context = new MockSplitEnumeratorContext<>(1)) {
            RiverSplitEnumerator e = new RiverSplitEnumerator(context, new PoeRiverFetcherFactory(api.client().build()),
                    List.of("pc"), "head", EPOCH, false, null);
            e.start();
            context.registerReader(new ReaderInfo(0, "localhost"));
            e.addReader(0);
            context.runNextOneTimeCallable();
            List<SplitsAssignment<RiverSplit>> seq = context.getSplitsAssignmentSequence();
            assertThat(seq).hasSize(1);
            assertThat(seq.get(0).assignment().get(0)).containsExactly(new RiverSplit("pc", api.feed.changeId(10), 0, EPOCH));
        }
    }

    @Test
    void aHeadThatCannotBeLookedUpFailsTheJobWithoutRestartsNamingTheFix() throws Throwable {
        try (SimulatedApi api = simulator(10, 10, Duration.ZERO);
                MockSplitEnumeratorContext<RiverSplit> context = new MockSplitEnumeratorContext<>(1)) {
            PoeRiverFetcherFactory fetchers = new PoeRiverFetcherFactory(api.client()
                    .headUrl(URI.create(api.server.baseUrl() + "/no-such-stats")).build());
            RiverSplitEnumerator e = new RiverSplitEnumerator(context, fetchers, List.of("pc"), "head", EPOCH, false, null);
            e.start();
            context.registerReader(new ReaderInfo(0, "localhost"));
            e.addReader(0);
            assertThatThrownBy(context::runNextOneTimeCallable)
                    .hasStackTraceContaining("SuppressRestartsException")
                    .hasStackTraceContaining("Cannot find where to start the pc river")
                    .hasStackTraceContaining("--poe.start-change-id");
            assertThat(context.getSplitsAssignmentSequence()).isEmpty();
        }
    }
}
