package io.stashwatch.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.stashwatch.simulator.market.MarketFeed;
import io.stashwatch.simulator.market.MarketSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * A river corpus in memory: the page bodies the simulator serves ({@link MarketFeed#pageJson}),
 * byte for byte, with their change ids. Registered under a key so a {@link CorpusFetcherFactory}
 * (serialised into the job graph) finds it again inside a local MiniCluster, which runs in the same
 * JVM.
 */
public final class Corpus {
    private static final Map<String, Corpus> REGISTRY = new ConcurrentHashMap<>();
    private static final JsonFactory JSON = new JsonFactory();

    private final String key = UUID.randomUUID().toString();
    private final long seed;
    private final int stashesPerPage;
    private final byte[][] pages;
    /** Change id of page i; ids[pages.length] is the head. ids[0] is "" (the first page of the river). */
    private final String[] ids;
    private final Map<String, Integer> indexOf = new ConcurrentHashMap<>();
    private final long bytes;
    private final long stashes;
    private final long items;
    /** System.nanoTime() when a fetcher handed out the first page of the current run (0 = not yet). */
    final AtomicLong firstPageNanos = new AtomicLong();
    /** CPU time of this JVM (ns) when the first page of the current run was handed out. */
    final AtomicLong firstPageCpuNanos = new AtomicLong();
    /** Pages handed out in the current run. */
    final AtomicLong pagesServed = new AtomicLong();

    private Corpus(long seed, int stashesPerPage, byte[][] pages, String[] ids) {
        this.seed = seed;
        this.stashesPerPage = stashesPerPage;
        this.pages = pages;
        this.ids = ids;
        long b = 0;
        long[] counts = new long[2];
        for (byte[] p : pages) {
            b += p.length;
            count(p, counts);
        }
        this.bytes = b;
        this.stashes = counts[0];
        this.items = counts[1];
        for (int i = 0; i < ids.length; i++) {
            indexOf.put(ids[i], i);
        }
    }

    /**
     * Generates {@code pages} pages of the simulator's market (all scenarios on) with this many
     * stashes per page.
     *
     * @param progress called with the number of pages generated so far
     */
    public static Corpus generate(long seed, int pages, int stashesPerPage, LongConsumer progress) {
        MarketFeed feed = new MarketFeed(settings(seed, pages, stashesPerPage));
        byte[][] bodies = new byte[pages][];
        String[] ids = new String[pages + 1];
        for (int i = 0; i < pages; i++) {
            bodies[i] = feed.pageJson(i);
            ids[i] = i == 0 ? "" : feed.changeId(i);
            progress.accept(i + 1);
        }
        ids[pages] = feed.changeId(pages);
        return new Corpus(seed, stashesPerPage, bodies, ids);
    }

    /** The market behind the corpus: the benchmark preset with enough accounts for the page size. */
    static MarketSettings settings(long seed, int pages, int stashesPerPage) {
        return MarketSettings.benchmark(seed, pages).toBuilder()
                .stashesPerPage(stashesPerPage)
                .accounts(Math.max(4000, 16 * stashesPerPage))
                .cacheBytes(0)
                .build();
    }

    /** Makes the corpus reachable by {@link #key()} from fetchers in this JVM. */
    public Corpus register() {
        REGISTRY.put(key, this);
        return this;
    }

    public void unregister() {
        REGISTRY.remove(key);
    }

    static Corpus byKey(String key) {
        Corpus c = REGISTRY.get(key);
        if (c == null) {
            throw new IllegalStateException("no benchmark corpus " + key + " in this JVM (the bench runs locally only)");
        }
        return c;
    }

    /** Resets the run markers before a job run. */
    void startRun() {
        firstPageNanos.set(0);
        firstPageCpuNanos.set(0);
        pagesServed.set(0);
    }

    /** CPU time used by this JVM so far, ns (all threads, GC included); -1 when unknown. */
    static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }

    public String key() {
        return key;
    }

    public long seed() {
        return seed;
    }

    public int stashesPerPage() {
        return stashesPerPage;
    }

    public int pageCount() {
        return pages.length;
    }

    public byte[] page(int i) {
        return pages[i];
    }

    /** Change id of page i ("" for page 0); {@code changeId(pageCount())} is the head. */
    public String changeId(int i) {
        return ids[i];
    }

    /** Index of the page requested with this change id, or -1. */
    public int indexOf(String changeId) {
        Integer i = indexOf.get(changeId);
        return i == null ? -1 : i;
    }

    /** The head answer: the head id again, no stashes. */
    public byte[] headBody() {
        return ("{\"next_change_id\":\"" + ids[pages.length] + "\",\"stashes\":[]}").getBytes(StandardCharsets.US_ASCII);
    }

    public long bytes() {
        return bytes;
    }

    public long stashes() {
        return stashes;
    }

    public long items() {
        return items;
    }

    /** Counts stash entries and items of a page: objects at depth 2 and 4 under "stashes" and "items". */
    private static void count(byte[] page, long[] counts) {
        try (JsonParser p = JSON.createParser(page)) {
            int depth = 0;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    depth++;
                    if (t == JsonToken.START_OBJECT && depth == 3) {
                        counts[0]++;
                    } else if (t == JsonToken.START_OBJECT && depth == 5
                            && "items".equals(p.getParsingContext().getParent().getParent().getCurrentName())) {
                        counts[1]++;
                    }
                } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    depth--;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
