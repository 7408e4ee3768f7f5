package io.stashwatch.simulator.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class MarketFeedDeterminismTest {

    private static MarketSettings tiny(long seed) {
        return MarketSettings.builder().seed(seed).pages(40).stashesPerPage(15).accounts(150)
                .cxOriginHour(1_700_000_000L / 3600 * 3600).build();
    }

    private static List<byte[]> sequential(MarketSettings s) {
        MarketFeed feed = new MarketFeed(s);
        List<byte[]> out = new ArrayList<>();
        for (long p = 0; p < s.pages(); p++) {
            out.add(feed.pageJson(p));
        }
        return out;
    }

    @Test
    void sameSeedGivesIdenticalBytes() {
        List<byte[]> a = sequential(tiny(11));
        List<byte[]> b = sequential(tiny(11));
        for (int p = 0; p < a.size(); p++) {
            assertThat(b.get(p)).as("page %d", p).isEqualTo(a.get(p));
        }
        assertThat(GroundTruthJson.toJson(new MarketFeed(tiny(11)).groundTruth()))
                .isEqualTo(GroundTruthJson.toJson(new MarketFeed(tiny(11)).groundTruth()));
    }

    @Test
    void differentSeedGivesDifferentRiver() {
        List<byte[]> a = sequential(tiny(11));
        List<byte[]> b = sequential(tiny(12));
        int same = 0;
        for (int p = 0; p < a.size(); p++) {
            if (Arrays.equals(a.get(p), b.get(p))) {
                same++;
            }
        }
        assertThat(same).isZero();
        assertThat(new MarketFeed(tiny(11)).changeId(0)).isNotEqualTo(new MarketFeed(tiny(12)).changeId(0));
    }

    @Test
    void cachingSettingsDoNotChangeContent() {
        List<byte[]> reference = sequential(tiny(5));
        // No cache, a snapshot every 2 pages, at most 6 snapshots (thinned): every re-read regenerates.
        MarketFeed feed = new MarketFeed(tiny(5).toBuilder().cacheBytes(0).snapshotEvery(2).maxSnapshots(6).build());
        feed.generateUpTo(40);
        assertThat(feed.snapshotCount()).isLessThanOrEqualTo(6);
        List<Integer> order = new ArrayList<>();
        for (int p = 0; p < 40; p++) {
            order.add(p);
        }
        Collections.shuffle(order, new Random(3));
        for (int p : order) {
            assertThat(feed.pageJson(p)).as("page %d", p).isEqualTo(reference.get(p));
        }
    }

    @Test
    void pagesAskedOutOfOrderFromManyThreadsMatchSequentialGeneration() throws Exception {
        List<byte[]> reference = sequential(tiny(8));
        MarketFeed feed = new MarketFeed(tiny(8).toBuilder().cacheBytes(1L << 20).snapshotEvery(5).build());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                long seed = t;
                results.add(pool.submit(() -> {
                    Random r = new Random(seed);
                    for (int i = 0; i < 40; i++) {
                        int p = r.nextInt(40);
                        if (!Arrays.equals(feed.pageJson(p), reference.get(p))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : results) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void endlessRiverIsThePrefixOfNothingButItself() {
        MarketSettings endless = tiny(9).toBuilder().endless().scenarioHorizon(50).build();
        MarketFeed a = new MarketFeed(endless);
        MarketFeed b = new MarketFeed(endless.toBuilder().cacheBytes(0).snapshotEvery(3).maxSnapshots(4).build());
        assertThat(a.pageCount()).isEqualTo(-1);
        byte[] far = a.pageJson(90);
        for (int p = 89; p >= 0; p -= 7) {
            assertThat(b.pageJson(p)).as("page %d", p).isEqualTo(a.pageJson(p));
        }
        assertThat(b.pageJson(90)).isEqualTo(far);
        assertThat(a.indexOf(a.changeId(1_000_000))).hasValue(1_000_000);
    }

    @Test
    void pageBytesHandedOutAreCopies() {
        MarketFeed feed = new MarketFeed(tiny(4));
        byte[] first = feed.pageJson(3);
        byte[] copy = first.clone();
        Arrays.fill(first, (byte) ' ');
        assertThat(feed.pageJson(3)).isEqualTo(copy);
    }
}
