package io.stashwatch.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stashwatch.poe.RawPage;
import io.stashwatch.poe.RiverFetcher;
import io.stashwatch.poe.PageParser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;

class SyntheticFetchersTest {

    private static RawPage next(RiverFetcher f) throws Exception {
        for (int i = 0; i < 100; i++) {
            RawPage p = f.poll(Duration.ofMillis(200));
            if (p != null) {
                return p;
            }
        }
        throw new AssertionError("no page");
    }

    @Test
    void chainsThePagesOfSyntheticPagesThenReportsTheHead() throws Exception {
        SyntheticFetchers factory = new SyntheticFetchers(5, 300, 20, 3, 2, 0);
        SyntheticPages expected = new SyntheticPages(5, 300, 20);
        String cursor = factory.resolveStart("pc", "beginning");
        List<RawPage> pages = new ArrayList<>();
        try (RiverFetcher f = factory.open("pc", cursor, new UnregisteredMetricsGroup())) {
            for (int i = 0; i < 5; i++) {
                RawPage p = next(f);
                assertEquals(cursor, p.changeId());
                assertFalse(p.isHead());
                assertArrayEquals(expected.nextPage(), p.body());
                assertEquals(SyntheticPages.changeId(i + 1),
                        new PageParser().parse(p.body()).nextChangeId);
                pages.add(p);
                cursor = p.nextChangeId();
            }
            RawPage head = next(f);
            assertTrue(head.isHead());
            assertEquals(cursor, head.changeId());
        }
        // a fetcher opened at a later cursor (a restore) continues with the same pages
        try (RiverFetcher f = factory.open("pc", pages.get(3).changeId(), new UnregisteredMetricsGroup())) {
            assertArrayEquals(pages.get(3).body(), next(f).body());
            assertArrayEquals(pages.get(4).body(), next(f).body());
        }
    }

    @Test
    void pacesThePagesAfterTheGrowth() throws Exception {
        SyntheticFetchers factory = new SyntheticFetchers(5, 100, 5, 1, 3, 20); // 3 pages at 20/s after page 0
        try (RiverFetcher f = factory.open("pc", "", new UnregisteredMetricsGroup())) {
            next(f);
            long t0 = System.nanoTime();
            for (int i = 0; i < 3; i++) {
                next(f);
            }
            // page k of the hold is due k / 20 s after the first: at least 100 ms for the third
            assertTrue(System.nanoTime() - t0 >= 95_000_000L);
        }
    }
}
