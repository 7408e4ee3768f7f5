package io.stashwatch.simulator.market;

import java.util.Locale;

/**
 * Measures generation speed and page sizes of the market generator (not a test: run its main).
 * Usage: {@code MarketGenerationBench [pages] [stashesPerPage] [seed]}; without arguments it measures the
 * demo preset and the benchmark preset.
 */
public final class MarketGenerationBench {
    private MarketGenerationBench() {
    }

    public static void main(String[] args) {
        if (args.length > 0) {
            long pages = Long.parseLong(args[0]);
            int spp = args.length > 1 ? Integer.parseInt(args[1]) : 250;
            long seed = args.length > 2 ? Long.parseLong(args[2]) : 42;
            MarketSettings s = MarketSettings.builder().seed(seed).pages(pages).stashesPerPage(spp)
                    .accounts(Math.max(300, 16 * spp)).cacheBytes(0).build();
            run("custom", s);
            return;
        }
        run("warm-up", MarketSettings.demo(1).toBuilder().pages(100).cacheBytes(0).build());
        run("demo", MarketSettings.demo(42).toBuilder().cacheBytes(0).build());
        run("benchmark", MarketSettings.benchmark(42, 200).toBuilder().cacheBytes(0).build());
        memory(MarketSettings.demo(42));
    }

    /** Heap held by a feed with default caching after serving its whole river once, and the cost of a cache miss. */
    private static void memory(MarketSettings s) {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long before = rt.totalMemory() - rt.freeMemory();
        MarketFeed feed = new MarketFeed(s);
        for (long p = 0; p < s.pages(); p++) {
            feed.pageJson(p);
        }
        System.gc();
        long after = rt.totalMemory() - rt.freeMemory();
        long t0 = System.nanoTime();
        feed.pageJson(5);
        long t1 = System.nanoTime();
        System.out.printf(Locale.ROOT, "memory    demo feed after serving %d pages: %.0f MB heap (%d pages cached, %d snapshots);"
                + " regenerating an evicted page took %.0f ms%n", s.pages(), (after - before) / 1e6, feed.cachedPages(),
                feed.snapshotCount(), (t1 - t0) / 1e6);
    }

    private static void run(String label, MarketSettings s) {
        long t0 = System.nanoTime();
        MarketFeed feed = new MarketFeed(s);
        long t1 = System.nanoTime();
        long bytes = 0;
        long min = Long.MAX_VALUE;
        long max = 0;
        for (long p = 0; p < s.pages(); p++) {
            int n = feed.page(p).length;
            bytes += n;
            min = Math.min(min, n);
            max = Math.max(max, n);
        }
        long t2 = System.nanoTime();
        GroundTruth gt = feed.groundTruth();
        double secs = (t2 - t1) / 1e9;
        System.out.printf(Locale.ROOT,
                "%-9s %s%n          setup %.0f ms; %d pages, %.1f MB in %.2f s = %.0f MB/s, %.0f pages/s; page avg %.0f KB "
                        + "(min %d KB, max %d KB); truth: %d underpriced, %d traps, %d shifts, %d crashes, %d fixers, "
                        + "%d stable keys%n",
                label, s, (t1 - t0) / 1e6, s.pages(), bytes / 1e6, secs, bytes / 1e6 / secs, s.pages() / secs,
                bytes / 1024.0 / s.pages(), min / 1024, max / 1024, gt.underpriced.size(), gt.traps.size(),
                gt.shifts.size(), gt.crashes.size(), gt.fixers.size(), gt.stableKeys.size());
    }
}
