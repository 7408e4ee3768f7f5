package io.stashwatch.simulator.market;

import io.stashwatch.simulator.RiverFeed;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The simulated PoE river: a deterministic market generated from {@link MarketSettings}. The same
 * settings give byte-identical pages, whatever order pages are asked in and however many threads ask.
 *
 * <p>Pages are generated sequentially on demand and kept in a byte-bounded cache; every
 * {@link MarketSettings#snapshotEvery()} pages a copy of the market state is kept, so a page that
 * fell out of the cache (a source restarting from an old checkpoint) is regenerated from the nearest
 * earlier copy. At most {@link MarketSettings#maxSnapshots()} copies are kept (older ones are thinned
 * out), so memory stays bounded for long and endless rivers: about 180 MB for the demo preset and
 * 250 MB for the benchmark preset, whatever the length of the river.
 *
 * <p>A bounded river of {@code n} pages has pages {@code 0..n-1}; {@code changeId(n)} is its head:
 * {@code pageJson(n)} is the head body (the same id, no stashes), as the real API answers at the head.
 *
 * <p>Ground truth ({@link #groundTruth()}) records what the scenarios injected; see {@link GroundTruth}
 * and {@link SimKeys} for the item-key format.
 */
public final class MarketFeed implements RiverFeed {
    private final MarketSettings settings;
    private final World world;
    private final ChangeIds ids;
    private final ItemWriter writer;
    private final CurrencyExchangeDigest digest;
    private final long originHour;
    private final PageCache cache;

    private final Object genLock = new Object();
    private final MarketState primary;
    private final PageGenerator primaryGenerator;
    private final TruthLog truth = new TruthLog();
    private volatile long generated;
    private long spacing;
    private final ConcurrentSkipListMap<Long, MarketState> snapshots = new ConcurrentSkipListMap<>();
    private final Object regenLock = new Object();
    private volatile long generatedBytes;

    public MarketFeed(MarketSettings settings) {
        this.settings = settings;
        this.world = new World(settings);
        this.ids = new ChangeIds(settings.seed());
        this.writer = new ItemWriter(world);
        this.originHour = settings.cxOriginHour() != null ? settings.cxOriginHour()
                : Instant.now().getEpochSecond() / 3600 * 3600;
        this.digest = new CurrencyExchangeDigest(world, originHour);
        this.cache = new PageCache(settings.cacheBytes());
        this.primary = new MarketState(world);
        this.primaryGenerator = new PageGenerator(world, ids, writer, truth);
        this.spacing = settings.snapshotEvery();
    }

    /** The demo river for a seed ({@link MarketSettings#demo(long)}). */
    public static MarketFeed demo(long seed) {
        return new MarketFeed(MarketSettings.demo(seed));
    }

    public MarketSettings settings() {
        return settings;
    }

    @Override
    public long pageCount() {
        return settings.pages();
    }

    @Override
    public String changeId(long index) {
        checkIndex(index, true);
        return ids.of(index);
    }

    @Override
    public OptionalLong indexOf(String changeId) {
        OptionalLong i = ids.indexOf(changeId);
        if (i.isPresent() && !settings.endless() && i.getAsLong() > settings.pages()) {
            return OptionalLong.empty();
        }
        return i;
    }

    /**
     * The page body; a fresh array the caller may keep. For a bounded river, {@code pageJson(pageCount())}
     * is the head (next_change_id = its own id, no stashes).
     */
    @Override
    public byte[] pageJson(long index) {
        checkIndex(index, true);
        if (!settings.endless() && index == settings.pages()) {
            return ("{\"next_change_id\":\"" + ids.of(index) + "\",\"stashes\":[]}").getBytes(StandardCharsets.US_ASCII);
        }
        return page(index).clone();
    }

    @Override
    public List<String> leagues() {
        return settings.leagues();
    }

    @Override
    public byte[] currencyExchangeJson(long unixHourSeconds) {
        return digest.json(unixHourSeconds);
    }

    /** The unix hour Currency Exchange digests are anchored to (the feed's creation hour unless set). */
    public long originHour() {
        return originHour;
    }

    /** Pages generated so far. */
    public long generatedPages() {
        return generated;
    }

    /** Bytes of all pages generated so far (first generation only). */
    public long generatedBytes() {
        return generatedBytes;
    }

    /** Generates pages up to (excluding) {@code pages}, e.g. to warm up before serving. */
    public void generateUpTo(long pages) {
        if (pages > 0) {
            long last = settings.endless() ? pages - 1 : Math.min(pages, settings.pages()) - 1;
            if (last >= generated) {
                generateThrough(last);
            }
        }
    }

    /**
     * Ground truth of the river: for a bounded river, of all its pages (generating them if needed);
     * for an endless one, of the pages generated so far. A fresh copy on every call.
     */
    public GroundTruth groundTruth() {
        if (!settings.endless()) {
            generateUpTo(settings.pages());
        }
        synchronized (genLock) {
            return buildTruth(generated);
        }
    }

    private void checkIndex(long index, boolean allowHead) {
        if (index < 0) {
            throw new IllegalArgumentException("page index must be >= 0, was " + index);
        }
        if (!settings.endless() && index > settings.pages() - (allowHead ? 0 : 1)) {
            throw new IllegalArgumentException("page index " + index + " is past the head of a river of "
                    + settings.pages() + " pages");
        }
    }

    /** The shared (not copied) body of page {@code index}. */
    byte[] page(long index) {
        checkIndex(index, false);
        byte[] b = cache.get(index);
        if (b != null) {
            return b;
        }
        if (index >= generated) {
            b = generateThrough(index);
            if (b != null) {
                return b;
            }
        }
        return regenerate(index);
    }

    /** Generates the river through page {@code index}; returns that page, or null if it already existed. */
    private byte[] generateThrough(long index) {
        synchronized (genLock) {
            byte[] result = null;
            while (generated <= index) {
                long p = generated;
                if (p % spacing == 0) {
                    snapshots.put(p, primary.copy());
                    thinSnapshots();
                }
                byte[] b = primaryGenerator.next(primary);
                cache.put(p, b);
                generatedBytes += b.length;
                if (p == index) {
                    result = b;
                }
                generated = p + 1;
            }
            return result;
        }
    }

    /** Keeps at most maxSnapshots copies by dropping every other one and doubling the spacing. */
    private void thinSnapshots() {
        if (snapshots.size() <= settings.maxSnapshots()) {
            return;
        }
        spacing *= 2;
        List<Long> keys = new ArrayList<>(snapshots.keySet());
        for (Long k : keys) {
            if (k % spacing != 0) {
                snapshots.remove(k);
            }
        }
    }

    /** Regenerates an already generated page from the nearest earlier snapshot, caching it and a few after it. */
    private byte[] regenerate(long index) {
        synchronized (regenLock) {
            byte[] cached = cache.get(index);
            if (cached != null) {
                return cached;
            }
            Map.Entry<Long, MarketState> e = snapshots.floorEntry(index);
            if (e == null) {
                throw new IllegalStateException("no snapshot before page " + index);
            }
            MarketState state = e.getValue().copy();
            PageGenerator gen = new PageGenerator(world, ids, writer, null);
            // Read ahead a little: a source that restarted at this page will ask for the next ones.
            long end = Math.min(generated, index + settings.snapshotEvery());
            byte[] result = null;
            for (long p = e.getKey(); p < end; p++) {
                byte[] b = gen.next(state);
                if (p == index) {
                    result = b;
                }
                if (p >= index) {
                    cache.put(p, b);
                }
            }
            return result;
        }
    }

    private GroundTruth buildTruth(long pages) {
        GroundTruth gt = new GroundTruth();
        gt.seed = settings.seed();
        gt.pages = pages;
        gt.underpriced.addAll(truth.underpriced);
        gt.traps.addAll(truth.traps);
        gt.fixers.addAll(truth.fixers);
        ScenarioPlan plan = world.plan;
        for (int i = 0; i < plan.shiftKey.length; i++) {
            if (plan.shiftFrom[i] < pages) {
                GroundTruth.Shift s = new GroundTruth.Shift();
                s.league = world.leagues[0];
                s.itemKey = world.key(plan.shiftKey[i]).key;
                s.fromPage = plan.shiftFrom[i];
                s.factor = plan.shiftFactor[i];
                s.oldChaos = world.fair[0][plan.shiftKey[i]];
                s.newChaos = s.oldChaos * s.factor;
                gt.shifts.add(s);
            }
        }
        if (plan.crashKey >= 0 && plan.crashFrom < pages) {
            GroundTruth.Crash c = new GroundTruth.Crash();
            c.league = world.leagues[0];
            c.itemKey = world.key(plan.crashKey).key;
            c.fromPage = plan.crashFrom;
            c.factor = plan.crashFactor;
            c.oldChaos = world.fair[0][plan.crashKey];
            c.newChaos = c.oldChaos * c.factor;
            gt.crashes.add(c);
        }
        int nk = world.keys.size();
        for (int l = 0; l < world.leagues.length; l++) {
            for (KeyDef k : world.keys) {
                gt.fairChaos.put(world.leagueKey(l, k.index), world.fair[l][k.index]);
                int slot = l * nk + k.index;
                boolean scenario = l == 0 && plan.scenarioKey[k.index];
                if (!scenario && k.kind != Kind.CURRENCY && primary.distinct[slot] >= primary.distinctCap
                        && primary.listings[slot] >= 40) {
                    gt.stableKeys.add(world.leagueKey(l, k.index));
                }
            }
            Map<String, Double> r = new TreeMap<>();
            for (int c = 0; c < world.cat.currencies.size(); c++) {
                String id = world.cat.currencies.get(c).cxId;
                if (id != null) {
                    r.put(id, world.rates[l][c]);
                }
            }
            gt.rates.put(world.leagues[l], r);
        }
        java.util.Collections.sort(gt.stableKeys);
        return GroundTruthJson.copy(gt);
    }

    // ------------------------------------------------------------------ for tests and tools in this package

    int snapshotCount() {
        return snapshots.size();
    }

    int cachedPages() {
        return cache.size();
    }
}
