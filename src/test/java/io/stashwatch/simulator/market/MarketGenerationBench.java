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
                        + "%d stable keys; items in market %d%n",
                label, s, (t1 - t0) / 1e6, s.pages(), bytes / 1e6, secs, bytes / 1e6 / secs, s.pages() / secs,
                bytes / 1024.0 / s.pages(), min / 1024, max / 1024, gt.underpriced.size(), gt.traps.size(),
                gt.shifts.size(), gt.crashes.size(), gt.fixers.size(), gt.stableKeys.size(),
                feed.world() == null ? 0 : 0);
    }
}
