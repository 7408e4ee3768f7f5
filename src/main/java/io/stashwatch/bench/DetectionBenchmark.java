package io.stashwatch.bench;

import io.stashwatch.market.Hashes;
import io.stashwatch.market.KeyDetector;
import io.stashwatch.market.KeyState;
import io.stashwatch.market.ListingBook;
import io.stashwatch.market.RateBook;
import io.stashwatch.market.ReferenceEstimator;
import io.stashwatch.model.EventKind;
import io.stashwatch.model.ListingEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
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

/**
 * Cost of detection per key and page: judging and applying one page of 5 events to a key that
 * already holds {@code listings} live listings, and one robust estimate over such a book (with fresh
 * and with reused working arrays).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class DetectionBenchmark {
    private static final long WINDOW = 3_600_000L;

    @Param({"20", "200", "2000"})
    public int listings;

    private final KeyDetector detector = new KeyDetector(WINDOW, 300_000L, 5, 2, 0.5, 1.5, 3, 2000);
    private final KeyDetector.Rates rates = (c, t) -> RateBook.Rate.CHAOS;
    private KeyState state;
    private ListingBook book;
    private long t;
    private int next;

    @Setup(Level.Iteration)
    public void fill() {
        Random rnd = new Random(1);
        state = new KeyState();
        book = state.book;
        t = 10_000_000L;
        for (int i = 0; i < listings; i++) {
            book.put(Hashes.of("seed" + i), Hashes.of("stash" + (i % 300)), Hashes.of("acct" + rnd.nextInt(listings)),
                    100 * (0.9 + 0.2 * rnd.nextDouble()), t - rnd.nextInt((int) WINDOW / 2));
        }
    }

    @Benchmark
    public int pageOfFiveEvents() {
        t += 1000;
        List<ListingEvent> page = new ArrayList<>(5);
        for (int i = 0; i < 5; i++) {
            // Reprice existing listings so the book stays the same size.
            ListingEvent e = new ListingEvent();
            e.kind = EventKind.REPRICED;
            e.itemId = "seed" + (next++ % listings);
            e.stashId = "s";
            e.accountName = "acct" + (next % 97);
            e.itemKey = "Bench Item";
            e.league = "Standard";
            e.frameType = 3;
            e.priceAmount = 95 + (next % 10);
            e.priceCurrency = "chaos";
            e.changeId = "c" + t;
            e.riverTime = t;
            page.add(e);
        }
        return detector.page(state, t, page, rates).alerts.size();
    }

    private final ReferenceEstimator.Scratch scratch = new ReferenceEstimator.Scratch();

    /** One estimate with fresh working arrays (what every call cost before the detector kept a scratch). */
    @Benchmark
    public double estimate() {
        return ReferenceEstimator.estimate(book, t - WINDOW, t + 1, 2, 5).reference;
    }

    /** One estimate in reused working arrays, as the detector computes it. */
    @Benchmark
    public double estimateWithScratch() {
        return ReferenceEstimator.estimate(book, t - WINDOW, t + 1, 2, 5, scratch).reference;
    }
}
