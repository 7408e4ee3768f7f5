package io.stashwatch.bench;

import io.stashwatch.model.Alert;
import io.stashwatch.model.AlertKind;
import io.stashwatch.model.EventKind;
import io.stashwatch.model.ListingEvent;
import io.stashwatch.model.PageRow;
import io.stashwatch.model.PriceStat;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * A deterministic stream of the sink-side records (pages, listing events, price statistics,
 * alerts) of a small market, generated from a seed, for sink tests and benchmarks. Page {@code k}
 * is the same every time it is generated, so a replay from any page gives the same records.
 *
 * <p>The market exercises what the sinks must get right: listings, repricings, delistings, prices
 * without a chaos rate (NaN), items moving between stashes within one page (delisted from A and
 * listed in B, emitted in random order), moves where the old stash is only updated a few pages
 * later (a stale delisting), underpriced alerts, price-shift alerts and statistics every few
 * pages. {@link #listings()} is the true current state, to compare with the {@code listings} table.
 */
public final class SyntheticRiver {

    /** Generator parameters; serialisable so Flink functions can regenerate the river. */
    public static final class Spec implements Serializable {
        private static final long serialVersionUID = 1L;
        public long seed = 7;
        public String realm = "pc";
        public List<String> leagues = List.of("Mercenaries", "Standard");
        public int stashes = 40;
        public int keys = 24;
        public int actionsPerPage = 20;
        public int statEvery = 10;
        public long epochMs = 1_735_689_600_000L; // 2025-01-01T00:00:00Z
        public long pageIntervalMs = 1000;
        /** Percentage of new listings priced far below their key (each gives an underpriced alert). */
        public int cheapPercent = 4;
        /** Wall-clock offset of fetched_at in deterministic mode. */
        public long fetchDelayMs = 250;

        public Spec seed(long s) {
            seed = s;
            return this;
        }

        public Spec actionsPerPage(int n) {
            actionsPerPage = n;
            return this;
        }

        public Spec cheapPercent(int n) {
            cheapPercent = n;
            return this;
        }

        public Spec stashes(int n) {
            stashes = n;
            return this;
        }
    }

    /** One live listing of the true state. */
    public static final class Listing {
        public final String itemId;
        public final String stashId;
        public final String league;
        public final String itemKey;
        public final double priceAmount;
        public final String priceCurrency;
        public final long seq;

        Listing(String itemId, String stashId, String league, String itemKey, double priceAmount, String priceCurrency,
                long seq) {
            this.itemId = itemId;
            this.stashId = stashId;
            this.league = league;
            this.itemKey = itemKey;
            this.priceAmount = priceAmount;
            this.priceCurrency = priceCurrency;
            this.seq = seq;
        }
    }

    private static final String[] BASES = {"Divine Orb", "Chaos Orb", "The Doctor card", "Mageblood Heavy Belt",
        "Headhunter Leather Belt", "Kaom's Heart Glorious Plate 6L", "Vaal Grace gem 21/20 corrupted",
        "Crimson Temple Map T16", "Hubris Circlet (rare)", "Awakened Multistrike Support gem 5/20",
        "Tabula Rasa Simple Robe", "Exalted Orb", "Mirror of Kalandra", "The Apothecary card", "Watcher's Eye Prismatic Jewel",
        "Ashes of the Stars Onyx Amulet", "Forbidden Flesh Cobalt Jewel", "Aegis Aurora Champion Kite Shield",
        "Shavronne's Wrappings Occultist's Vestment 6L", "Ancestral Vision Jewel", "Void Battery Prophecy Wand",
        "Inspired Learning Crimson Jewel", "Thread of Hope Crimson Jewel", "Impossible Escape Viridian Jewel"};

    private final Spec spec;
    private final Random random;
    private final String[] stashIds;
    private final Map<String, Integer> stashIndex = new HashMap<>();
    private final String[] accounts;
    private final String[] stashLeague;
    private final String[] keys;
    private final double[] basePrice;
    private final Map<String, Listing> live = new LinkedHashMap<>();
    /** Live item ids for O(1) random picks, and each id's position in it. */
    private final List<String> liveIds = new ArrayList<>();
    private final Map<String, Integer> livePos = new HashMap<>();
    /** Stale delistings due at a page: page -> [item, old stash]. */
    private final TreeMap<Long, List<String[]>> staleDue = new TreeMap<>();
    private final Set<String> awaitingStale = new HashSet<>();
    private long next;
    private long itemCounter;

    public SyntheticRiver(Spec spec) {
        this.spec = spec;
        this.random = new Random(spec.seed);
        this.stashIds = new String[spec.stashes];
        this.accounts = new String[spec.stashes];
        this.stashLeague = new String[spec.stashes];
        for (int i = 0; i < spec.stashes; i++) {
            stashIds[i] = hex("stash|" + spec.seed + "|" + i, 32);
            stashIndex.put(stashIds[i], i);
            accounts[i] = "account" + (i % Math.max(1, spec.stashes / 2));
            stashLeague[i] = spec.leagues.get(i % spec.leagues.size());
        }
        this.keys = new String[spec.keys];
        this.basePrice = new double[spec.keys];
        for (int k = 0; k < spec.keys; k++) {
            keys[k] = BASES[k % BASES.length] + (k >= BASES.length ? " #" + (k / BASES.length) : "");
            basePrice[k] = 5 + random.nextInt(500);
        }
    }

    /** Index of the next page {@link #next()} returns. */
    public long position() {
        return next;
    }

    /** The true live listings after the pages generated so far (item id -> listing). */
    public Map<String, Listing> listings() {
        return Collections.unmodifiableMap(live);
    }

    /** Change id of page {@code k}. */
    public String changeId(long k) {
        return (1000 + spec.seed) + "-" + (20_000 + k) + "-" + (30_000 + 3 * k) + "-" + (40_000 + 7 * k);
    }

    public long riverTime(long k) {
        return spec.epochMs + k * spec.pageIntervalMs;
    }

    /** Generates the next page. */
    public SyntheticPage next() {
        long k = next++;
        String changeId = changeId(k);
        long rt = riverTime(k);
        long fetched = rt + spec.fetchDelayMs;
        List<ListingEvent> events = new ArrayList<>();
        List<Alert> alerts = new ArrayList<>();
        Set<String> touched = new HashSet<>();

        List<String[]> due = staleDue.remove(k);
        if (due != null) {
            for (String[] d : due) {
                // the old stash is finally updated: the item is no longer in it
                Listing was = new Listing(d[0], d[1], d[2], d[3], Double.parseDouble(d[4]), d[5], k);
                events.add(event(EventKind.DELISTED, was, null, changeId, k, rt, fetched));
                awaitingStale.remove(d[0]);
                touched.add(d[0]);
            }
        }

        for (int a = 0; a < spec.actionsPerPage; a++) {
            int roll = random.nextInt(100);
            String pick = null;
            if (!liveIds.isEmpty()) {
                for (int tries = 0; tries < 5 && pick == null; tries++) {
                    String c = liveIds.get(random.nextInt(liveIds.size()));
                    if (!touched.contains(c) && !awaitingStale.contains(c)) {
                        pick = c;
                    }
                }
            }
            if (roll < 35 || pick == null || live.size() < spec.stashes) {
                int s = random.nextInt(spec.stashes);
                int key = random.nextInt(spec.keys);
                String item = hex("item|" + spec.seed + "|" + (itemCounter++), 64);
                boolean cheap = random.nextInt(100) < spec.cheapPercent;
                double chaos = cheap ? Math.max(1, Math.round(basePrice[key] * 0.3)) : priceNear(basePrice[key]);
                Listing l = priced(item, s, key, chaos, k);
                put(item, l);
                touched.add(item);
                ListingEvent e = event(EventKind.LISTED, l, null, changeId, k, rt, fetched);
                events.add(e);
                if (cheap && !Double.isNaN(e.priceChaos)) {
                    alerts.add(underpriced(e, basePrice[key]));
                }
            } else if (roll < 60) {
                Listing old = live.get(pick);
                int key = keyIndex(old.itemKey);
                Listing l = priced(pick, indexOf(old.stashId), key, priceNear(basePrice[key]), k);
                put(pick, l);
                touched.add(pick);
                events.add(event(EventKind.REPRICED, l, old, changeId, k, rt, fetched));
            } else if (roll < 80) {
                Listing old = remove(pick);
                touched.add(pick);
                events.add(event(EventKind.DELISTED, withSeq(old, k), null, changeId, k, rt, fetched));
            } else {
                Listing old = live.get(pick);
                int from = indexOf(old.stashId);
                int to = otherStashSameLeague(from);
                if (to < 0) {
                    continue;
                }
                Listing moved = new Listing(pick, stashIds[to], old.league, old.itemKey, old.priceAmount,
                        old.priceCurrency, k);
                put(pick, moved);
                touched.add(pick);
                ListingEvent listed = event(EventKind.LISTED, moved, null, changeId, k, rt, fetched);
                if (roll < 92) {
                    ListingEvent delisted = event(EventKind.DELISTED, withSeq(old, k), null, changeId, k, rt, fetched);
                    if (random.nextBoolean()) {
                        events.add(delisted);
                        events.add(listed);
                    } else {
                        events.add(listed);
                        events.add(delisted);
                    }
                } else {
                    events.add(listed);
                    long when = k + 1 + random.nextInt(5);
                    staleDue.computeIfAbsent(when, x -> new ArrayList<>()).add(new String[] {pick, old.stashId,
                        old.league, old.itemKey, Double.toString(old.priceAmount), old.priceCurrency});
                    awaitingStale.add(pick);
                }
            }
        }

        List<PriceStat> stats = new ArrayList<>();
        if (k > 0 && k % spec.statEvery == 0) {
            stats.addAll(stats(k, rt, alerts, changeId, fetched));
        }

        PageRow row = new PageRow();
        row.changeId = changeId;
        row.nextChangeId = changeId(k + 1);
        row.realm = spec.realm;
        row.seq = k;
        row.stashCount = Math.min(spec.stashes, events.size() + 1);
        row.itemCount = events.size() * 3;
        row.bytes = 1000L + 700L * events.size();
        row.riverTime = rt;
        row.fetchedAt = fetched;
        return new SyntheticPage(row, events, stats, alerts);
    }

    private List<PriceStat> stats(long k, long rt, List<Alert> alerts, String changeId, long fetched) {
        Map<String, List<Double>> byKey = new TreeMap<>();
        Map<String, Set<String>> accountsByKey = new TreeMap<>();
        for (Listing l : live.values()) {
            double chaos = chaos(l.priceAmount, l.priceCurrency);
            if (Double.isNaN(chaos)) {
                continue;
            }
            String id = l.league + "\u0000" + l.itemKey;
            byKey.computeIfAbsent(id, x -> new ArrayList<>()).add(chaos);
            accountsByKey.computeIfAbsent(id, x -> new HashSet<>()).add(accounts[indexOf(l.stashId)]);
        }
        List<PriceStat> out = new ArrayList<>();
        for (Map.Entry<String, List<Double>> e : byKey.entrySet()) {
            double[] v = e.getValue().stream().mapToDouble(Double::doubleValue).sorted().toArray();
            String[] lk = e.getKey().split("\u0000");
            PriceStat s = new PriceStat();
            s.realm = spec.realm;
            s.league = lk[0];
            s.itemKey = lk[1];
            s.windowEnd = rt + 1;
            s.listings = v.length;
            s.accounts = accountsByKey.get(e.getKey()).size();
            s.medianChaos = quantile(v, 0.5);
            s.p10Chaos = quantile(v, 0.1);
            s.p90Chaos = quantile(v, 0.9);
            s.referenceChaos = v.length >= 3 ? s.medianChaos : Double.NaN;
            out.add(s);
            if (v.length >= 3 && random.nextInt(100) < 3) {
                Alert a = new Alert();
                a.kind = AlertKind.PRICE_SHIFT;
                a.realm = spec.realm;
                a.league = s.league;
                a.itemKey = s.itemKey;
                a.priceChaos = s.medianChaos;
                a.referenceChaos = s.medianChaos / 1.6;
                a.samples = s.accounts;
                a.changeId = changeId;
                a.seq = k;
                a.riverTime = rt;
                a.fetchedAt = fetched;
                a.alertId = hex("price_shift|" + spec.realm + "|" + s.league + "|" + s.itemKey + "|" + s.windowEnd, 32);
                alerts.add(a);
            }
        }
        return out;
    }

    private void put(String item, Listing l) {
        if (live.put(item, l) == null) {
            livePos.put(item, liveIds.size());
            liveIds.add(item);
        }
    }

    private Listing remove(String item) {
        Listing l = live.remove(item);
        Integer at = livePos.remove(item);
        String last = liveIds.remove(liveIds.size() - 1);
        if (!last.equals(item)) {
            liveIds.set(at, last);
            livePos.put(last, at);
        }
        return l;
    }

    private static double quantile(double[] sorted, double q) {
        int i = (int) Math.floor(q * (sorted.length - 1));
        return sorted[i];
    }

    private Alert underpriced(ListingEvent e, double reference) {
        return Alert.underpriced(e, hex("underpriced|" + e.itemId + "|" + e.changeId, 32), reference, 7);
    }

    private double priceNear(double base) {
        return Math.max(1, Math.round(base * (0.8 + 0.4 * random.nextDouble())));
    }

    private Listing priced(String item, int stash, int key, double chaos, long seq) {
        int c = random.nextInt(100);
        if (c < 15 && chaos >= 150) {
            return new Listing(item, stashIds[stash], stashLeague[stash], keys[key], Math.round(chaos / 150.0 * 10) / 10.0,
                    "divine", seq);
        }
        if (c < 18) {
            return new Listing(item, stashIds[stash], stashLeague[stash], keys[key], 1, "unknown-currency", seq);
        }
        return new Listing(item, stashIds[stash], stashLeague[stash], keys[key], chaos, "chaos", seq);
    }

    private static double chaos(double amount, String currency) {
        switch (currency) {
            case "chaos":
                return amount;
            case "divine":
                return amount * 150;
            default:
                return Double.NaN;
        }
    }

    private static Listing withSeq(Listing l, long seq) {
        return new Listing(l.itemId, l.stashId, l.league, l.itemKey, l.priceAmount, l.priceCurrency, seq);
    }

    private int otherStashSameLeague(int from) {
        for (int tries = 0; tries < 10; tries++) {
            int s = random.nextInt(spec.stashes);
            if (s != from && stashLeague[s].equals(stashLeague[from])) {
                return s;
            }
        }
        return -1;
    }

    private int indexOf(String stashId) {
        return stashIndex.get(stashId);
    }

    private int keyIndex(String key) {
        return Arrays.asList(keys).indexOf(key);
    }

    private ListingEvent event(EventKind kind, Listing l, Listing prev, String changeId, long seq, long rt, long fetched) {
        ListingEvent e = new ListingEvent();
        e.kind = kind;
        e.itemId = l.itemId;
        e.stashId = l.stashId;
        e.realm = spec.realm;
        e.league = l.league;
        e.accountName = accounts[indexOf(l.stashId)];
        e.itemKey = l.itemKey;
        e.name = l.itemKey.contains(" ") ? l.itemKey.substring(0, l.itemKey.indexOf(' ')) : l.itemKey;
        e.baseType = l.itemKey;
        e.frameType = 3;
        e.stackSize = 0;
        e.note = "~price " + l.priceAmount + " " + l.priceCurrency;
        e.priceAmount = l.priceAmount;
        e.priceCurrency = l.priceCurrency;
        e.priceChaos = chaos(l.priceAmount, l.priceCurrency);
        if (prev != null) {
            e.prevPriceAmount = prev.priceAmount;
            e.prevPriceCurrency = prev.priceCurrency;
            e.prevPriceChaos = chaos(prev.priceAmount, prev.priceCurrency);
        }
        e.changeId = changeId;
        e.seq = seq;
        e.riverTime = rt;
        e.fetchedAt = fetched;
        e.eventId = hex(changeId + "|" + l.stashId + "|" + l.itemId + "|" + kind.dbName(), 32);
        return e;
    }

    /** First {@code hexChars} hex characters of SHA-256 of {@code text}. */
    static String hex(String text, int hexChars) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder(hexChars);
            for (int i = 0; sb.length() < hexChars; i++) {
                sb.append(Character.forDigit((d[i] >> 4) & 0xf, 16)).append(Character.forDigit(d[i] & 0xf, 16));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
