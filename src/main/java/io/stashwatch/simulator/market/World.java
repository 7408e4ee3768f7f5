package io.stashwatch.simulator.market;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fixed part of a simulated market, derived from the settings alone: item keys and their fair
 * prices per league, currency rates, accounts and their stash tabs, and the scenario plan. Immutable
 * and shared by the generator and every replay of it.
 */
final class World {

    /** What a stash tab holds. */
    enum Theme {
        UNIQUES, GEMS, CARDS, CURRENCY, MAPS, MIXED, RARES, DUMP, TABPRICE, FIXER
    }

    /** A player account with public tabs. */
    static final class Account {
        int index;
        String name;
        byte[] nameJson;
        /** Quoted character name, or "null". */
        byte[] characterJson;
        int league;
        int[] stashes;
        NoteStyle style;
        double activity;
    }

    /** The fixed facts of one stash tab. */
    static final class Stash {
        int index;
        byte[] id;
        int account;
        int league;
        Theme theme;
        byte[] typeJson;
        String name;
        byte[] nameJson;
        /** The price the tab name sets for items without a note, or null. */
        Note tabPrice;
        double tabChaos = Double.NaN;
        /** TABPRICE tabs: keys whose fair price matches the tab price. */
        int[] tabKeys;
        /** 1-based position among the account's tabs (inventoryId "Stash<n>"). */
        int tabNo;
    }

    static final int[] TAB_PRICES = {1, 2, 3, 5, 10, 20};
    private static final double[] THEME_WEIGHTS = {0.22, 0.12, 0.12, 0.10, 0.07, 0.17, 0.08, 0.07, 0.05};

    final MarketSettings settings;
    final long seed;
    final Catalog cat = Catalog.get();
    final List<KeyDef> keys = new ArrayList<>();
    final Map<String, Integer> keyIndex = new HashMap<>();
    final String[] leagues;
    final byte[][] leagueJson;
    /** Fair chaos per [league][key] before scenarios. */
    final double[][] fair;
    /** Chaos per unit per [league][catalog currency]. */
    final double[][] rates;
    final NoteMaker notes;
    final int[] uniqueKey0;
    final int[] uniqueKey5;
    final int[] uniqueKey6;
    final int[][] gemKeys;
    final int[] cardKey;
    final int[] currencyKey;
    final int[] mapKey;
    private final AliasTable[] themeTables = new AliasTable[Theme.values().length];
    private final int[][] themeKeys = new int[Theme.values().length][];
    final Account[] accounts;
    final Stash[] stashes;
    /** Stashes that organic activity touches (all but the fixer's), and a sampler over them by activity. */
    final int[] organicStashes;
    final AliasTable stashSampler;
    final ScenarioPlan plan;

    World(MarketSettings settings) {
        this.settings = settings;
        this.seed = settings.seed();
        Rng rng = new Rng(Rng.hash(seed, 0x57041DL));
        int nl = settings.leagues().size();
        leagues = settings.leagues().toArray(new String[0]);
        leagueJson = new byte[nl][];
        for (int l = 0; l < nl; l++) {
            leagueJson[l] = JsonOut.quote(leagues[l]);
        }

        // ---------------------------------------------------------------- keys
        uniqueKey0 = new int[cat.uniques.size()];
        uniqueKey5 = new int[cat.uniques.size()];
        uniqueKey6 = new int[cat.uniques.size()];
        for (int i = 0; i < cat.uniques.size(); i++) {
            Catalog.UniqueDef u = cat.uniques.get(i);
            boolean only6 = u.maxSockets == 6 && u.chaos == 0 && u.chaos5 == 0;
            uniqueKey0[i] = u.chaos > 0 ? addKey(SimKeys.unique(u.name, u.base, 0), Kind.UNIQUE, i, 0, null,
                    u.chaos, u.popularity) : -1;
            uniqueKey5[i] = u.chaos5 > 0 ? addKey(SimKeys.unique(u.name, u.base, 5), Kind.UNIQUE, i, 5, null,
                    u.chaos5, u.popularity * 0.35) : -1;
            uniqueKey6[i] = u.chaos6 > 0 ? addKey(SimKeys.unique(u.name, u.base, 6), Kind.UNIQUE, i, 6, null,
                    u.chaos6, u.popularity * (only6 ? 1.0 : 0.15)) : -1;
        }
        gemKeys = new int[cat.gems.size()][];
        for (int i = 0; i < cat.gems.size(); i++) {
            Catalog.GemDef g = cat.gems.get(i);
            gemKeys[i] = new int[g.variants.size()];
            for (int v = 0; v < g.variants.size(); v++) {
                Catalog.GemVariant gv = g.variants.get(v);
                String key = SimKeys.gem(SimKeys.gemTypeLine(g.name, gv.alt), gv.level, gv.quality, gv.corrupted);
                gemKeys[i][v] = addKey(key, Kind.GEM, i, 0, gv, gv.chaos, g.popularity * gemVariantWeight(g, gv));
            }
        }
        cardKey = new int[cat.cards.size()];
        for (int i = 0; i < cat.cards.size(); i++) {
            Catalog.CardDef c = cat.cards.get(i);
            cardKey[i] = addKey(SimKeys.card(c.name), Kind.CARD, i, 0, null, c.chaos, c.popularity);
        }
        currencyKey = new int[cat.currencies.size()];
        for (int i = 0; i < cat.currencies.size(); i++) {
            Catalog.CurrencyDef c = cat.currencies.get(i);
            currencyKey[i] = addKey(SimKeys.currency(c.name), Kind.CURRENCY, i, 0, null, c.chaos, c.popularity);
        }
        mapKey = new int[cat.maps.size()];
        for (int i = 0; i < cat.maps.size(); i++) {
            Catalog.MapDef m = cat.maps.get(i);
            mapKey[i] = addKey(SimKeys.map(m.name, m.tier), Kind.MAP, i, 0, null, m.chaos, m.popularity);
        }

        // ---------------------------------------------------------------- rates and fair prices
        rates = new double[nl][cat.currencies.size()];
        for (int l = 0; l < nl; l++) {
            String name = leagues[l];
            boolean hc = name.contains("Hardcore");
            boolean std = name.equals("Standard") || name.equals("Hardcore");
            for (int c = 0; c < cat.currencies.size(); c++) {
                Catalog.CurrencyDef cd = cat.currencies.get(c);
                double u = Rng.unit(Rng.hash(seed, 0xCA7E5L + l, c));
                double r;
                if ("chaos".equals(cd.cxId)) {
                    r = 1;
                } else if ("divine".equals(cd.cxId)) {
                    r = l == 0 ? lerp(170, 220, u) : std ? lerp(150, 185, u) : hc ? lerp(185, 245, u) : lerp(160, 230, u);
                } else if ("exalted".equals(cd.cxId)) {
                    r = l == 0 ? lerp(11, 17, u) : std ? lerp(10, 14, u) : hc ? lerp(12, 19, u) : lerp(10, 18, u);
                } else {
                    r = cd.chaos * (l == 0 ? lerp(0.9, 1.1, u) : lerp(0.75, 1.35, u));
                }
                rates[l][c] = r;
            }
            int div = cat.currencyIndex("divine");
            int mir = cat.currencyIndex("mirror");
            rates[l][mir] = rates[l][div] * lerp(500, 600, Rng.unit(Rng.hash(seed, 0x3177L, l)));
        }
        notes = new NoteMaker(rates);
        fair = new double[nl][keys.size()];
        for (int l = 0; l < nl; l++) {
            String name = leagues[l];
            boolean hc = name.contains("Hardcore");
            boolean std = name.equals("Standard") || name.equals("Hardcore");
            for (KeyDef k : keys) {
                if (k.kind == Kind.CURRENCY) {
                    fair[l][k.index] = rates[l][k.def];
                    continue;
                }
                double u = Rng.unit(Rng.hash(seed, 0xFA1EL + l, k.index));
                double f = l == 0 ? 1.0 : std ? lerp(0.35, 1.1, u) : hc ? lerp(0.6, 1.6, u) : lerp(0.8, 1.25, u);
                fair[l][k.index] = k.chaos * f;
            }
        }

        // ---------------------------------------------------------------- theme samplers
        for (Theme t : Theme.values()) {
            List<Integer> idx = new ArrayList<>();
            List<Double> w = new ArrayList<>();
            for (KeyDef k : keys) {
                double kw = themeWeight(t, k);
                if (kw > 0) {
                    idx.add(k.index);
                    w.add(kw);
                }
            }
            if (idx.isEmpty()) {
                continue;
            }
            themeKeys[t.ordinal()] = idx.stream().mapToInt(Integer::intValue).toArray();
            themeTables[t.ordinal()] = new AliasTable(w.stream().mapToDouble(Double::doubleValue).toArray());
        }

        // ---------------------------------------------------------------- scenario plan (needs fair prices)
        plan = new ScenarioPlan(this);

        // ---------------------------------------------------------------- accounts and stashes
        int na = settings.accounts() + (plan.fixerKey >= 0 ? 1 : 0);
        accounts = new Account[na];
        List<Stash> stashList = new ArrayList<>();
        Set<String> names = new HashSet<>();
        double[] lw = settings.leagueWeights().stream().mapToDouble(Double::doubleValue).toArray();
        double lwTotal = 0;
        for (double x : lw) {
            lwTotal += x;
        }
        for (int a = 0; a < na; a++) {
            Account acc = new Account();
            acc.index = a;
            acc.name = uniqueName(rng, names);
            acc.nameJson = JsonOut.quote(acc.name);
            acc.characterJson = rng.chance(0.1) ? "null".getBytes() : JsonOut.quote(characterName(rng));
            acc.style = new NoteStyle(rng);
            acc.activity = Math.min(25, StrictMath.pow(Math.max(1e-3, rng.nextDouble()), -0.6));
            boolean isFixer = plan.fixerKey >= 0 && a == na - 1;
            acc.league = isFixer ? 0 : rng.weighted(lw, lwTotal);
            int tabs = isFixer ? 1 : 1 + Math.min(5, geometric(rng, 0.45));
            acc.stashes = new int[tabs];
            for (int t = 0; t < tabs; t++) {
                Stash s = new Stash();
                s.index = stashList.size();
                s.id = JsonOut.hex64(Rng.hash(seed, 0x57A5L, s.index), Rng.hash(seed, 0x57A6L, s.index),
                        Rng.hash(seed, 0x57A7L, s.index), Rng.hash(seed, 0x57A8L, s.index));
                s.account = a;
                s.league = acc.league;
                s.tabNo = t + 1;
                s.theme = isFixer ? Theme.FIXER : Theme.values()[rng.weighted(THEME_WEIGHTS, 1.0)];
                nameStash(s, acc, rng);
                stashList.add(s);
                acc.stashes[t] = s.index;
            }
            accounts[a] = acc;
        }
        stashes = stashList.toArray(new Stash[0]);
        if (plan.fixerKey >= 0) {
            plan.fixerAccount = na - 1;
            plan.fixerStash = accounts[na - 1].stashes[0];
        }
        List<Integer> organic = new ArrayList<>();
        List<Double> sw = new ArrayList<>();
        for (Stash s : stashes) {
            if (s.theme != Theme.FIXER) {
                organic.add(s.index);
                sw.add(accounts[s.account].activity * (0.5 + Rng.unit(Rng.hash(seed, 0x5AC7L, s.index))));
            }
        }
        organicStashes = organic.stream().mapToInt(Integer::intValue).toArray();
        if (organicStashes.length < 2 * settings.stashesPerPage()) {
            throw new IllegalArgumentException("too few stashes (" + organicStashes.length + ") for "
                    + settings.stashesPerPage() + " stashes per page: raise the number of accounts");
        }
        stashSampler = new AliasTable(sw.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private int addKey(String key, Kind kind, int def, int links, Catalog.GemVariant gem, double chaos, double pop) {
        if (keyIndex.containsKey(key)) {
            throw new IllegalStateException("duplicate item key " + key);
        }
        KeyDef k = new KeyDef(keys.size(), key, kind, def, links, gem, chaos, pop);
        keys.add(k);
        keyIndex.put(key, k.index);
        return k.index;
    }

    private static double gemVariantWeight(Catalog.GemDef g, Catalog.GemVariant v) {
        if (v.alt != null) {
            return 0.3;
        }
        if (g.maxLevel <= 5) {
            // Exceptional and awakened gems: low levels are common, top levels rare.
            return v.level <= 1 ? 1.0 : v.level >= g.maxLevel + 1 ? 0.06 : v.level >= g.maxLevel ? 0.3 : 0.5;
        }
        if (v.level == 21) {
            return 0.2;
        }
        if (v.corrupted) {
            return 0.35;
        }
        if (v.level == 1) {
            return v.quality > 0 ? 0.4 : 1.0;
        }
        return v.quality == 0 ? 0.6 : 1.0;
    }

    private static double themeWeight(Theme t, KeyDef k) {
        return switch (t) {
            case UNIQUES -> k.kind == Kind.UNIQUE ? k.popularity : 0;
            case GEMS -> k.kind == Kind.GEM ? k.popularity : 0;
            case CARDS -> k.kind == Kind.CARD ? k.popularity : 0;
            case CURRENCY -> k.kind == Kind.CURRENCY ? k.popularity : 0;
            case MAPS -> k.kind == Kind.MAP ? k.popularity : 0;
            case MIXED -> switch (k.kind) {
                case UNIQUE -> k.popularity;
                case GEM, CARD -> 0.8 * k.popularity;
                case MAP -> 0.4 * k.popularity;
                case CURRENCY -> 0.15 * k.popularity;
                default -> 0;
            };
            default -> 0;
        };
    }

    /** A key for a new item of a stash with this theme. */
    int sampleKey(Theme t, Rng rng) {
        AliasTable table = themeTables[t.ordinal()];
        return themeKeys[t.ordinal()][table.sample(rng)];
    }

    int sampleOrganicStash(Rng rng) {
        return organicStashes[stashSampler.sample(rng)];
    }

    KeyDef key(int index) {
        return keys.get(index);
    }

    /** Fair chaos of a key in a league at a page, scenarios included. */
    double fair(int league, int key, long page) {
        double f = fair[league][key];
        return league == 0 && plan.scenarioKey[key] ? f * plan.factor(key, page) : f;
    }

    String leagueKey(int league, int key) {
        return leagues[league] + "|" + keys.get(key).key;
    }

    private void nameStash(Stash s, Account acc, Rng rng) {
        String type;
        String name;
        switch (s.theme) {
            case UNIQUES -> {
                type = pick(rng, "PremiumStash", "PremiumStash", "QuadStash", "NormalStash");
                name = pick(rng, "uniques", "$", "sale", "Trade", "U", "sell uniques", "shop", "1", "$$$");
            }
            case GEMS -> {
                type = pick(rng, "PremiumStash", "QuadStash");
                name = pick(rng, "gems", "Gems $", "G", "gem shop", "$");
            }
            case CARDS -> {
                type = pick(rng, "DivinationCardStash", "DivinationCardStash", "PremiumStash");
                name = pick(rng, "cards", "Divination", "div cards", "D");
            }
            case CURRENCY -> {
                type = pick(rng, "CurrencyStash", "CurrencyStash", "PremiumStash");
                name = pick(rng, "Currency", "C", "curr", "$");
            }
            case MAPS -> {
                type = pick(rng, "MapStash", "PremiumStash", "QuadStash");
                name = pick(rng, "maps", "Maps", "M", "map shop");
            }
            case RARES -> {
                type = pick(rng, "PremiumStash", "QuadStash", "NormalStash");
                name = pick(rng, "rares", "gear", "R", "sale", "Продажа");
            }
            case DUMP -> {
                type = pick(rng, "PremiumStash", "QuadStash", "NormalStash");
                int price = rng.chance(0.7) ? 1 : 2;
                s.tabPrice = notes.tabPrice(price, acc.style);
                s.tabChaos = price;
                name = s.tabPrice.text;
            }
            case TABPRICE -> {
                type = pick(rng, "PremiumStash", "QuadStash");
                int price = TAB_PRICES[rng.nextInt(TAB_PRICES.length)];
                s.tabKeys = tabKeys(s.league, price);
                if (s.tabKeys.length >= 3) {
                    s.tabPrice = notes.tabPrice(price, acc.style);
                    s.tabChaos = price;
                    name = s.tabPrice.text;
                } else {
                    s.theme = Theme.MIXED;
                    s.tabKeys = null;
                    name = pick(rng, "$", "Trade", "sale");
                }
            }
            case FIXER -> {
                type = "PremiumStash";
                name = "$$$";
            }
            default -> {
                type = pick(rng, "PremiumStash", "QuadStash", "PremiumStash");
                name = pick(rng, "$", "Trade", "sale", "For Sale", "trade 2", "shop", "stuff", "SELL", "4", "販売");
            }
        }
        s.typeJson = JsonOut.quote(type);
        s.name = name;
        s.nameJson = JsonOut.quote(name);
    }

    /** Keys of a league whose fair price fits a tab priced at {@code price} chaos (never scenario keys). */
    private int[] tabKeys(int league, int price) {
        List<Integer> out = new ArrayList<>();
        for (KeyDef k : keys) {
            if (k.kind == Kind.CURRENCY || (league == 0 && plan.scenarioKey[k.index])) {
                continue;
            }
            double f = fair[league][k.index];
            if (f >= price * 0.9 && f <= price * 1.4) {
                out.add(k.index);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private String uniqueName(Rng rng, Set<String> taken) {
        for (int attempt = 0; ; attempt++) {
            StringBuilder sb = new StringBuilder();
            int parts = rng.between(2, 3);
            for (int i = 0; i < parts; i++) {
                sb.append(cat.syllables[rng.nextInt(cat.syllables.length)]);
            }
            sb.setCharAt(0, Character.toUpperCase(sb.charAt(0)));
            if (rng.chance(0.3)) {
                int at = rng.between(1, sb.length() - 1);
                sb.setCharAt(at, Character.toUpperCase(sb.charAt(at)));
            }
            sb.append(cat.nameSuffixes[rng.nextInt(cat.nameSuffixes.length)]);
            if (attempt > 3) {
                sb.append(rng.between(1, 9999));
            }
            if (taken.add(sb.toString())) {
                return sb.toString();
            }
        }
    }

    private String characterName(Rng rng) {
        StringBuilder sb = new StringBuilder();
        int parts = rng.between(2, 4);
        for (int i = 0; i < parts; i++) {
            sb.append(cat.syllables[rng.nextInt(cat.syllables.length)]);
        }
        sb.setCharAt(0, Character.toUpperCase(sb.charAt(0)));
        if (rng.chance(0.3)) {
            sb.append(pick(rng, "_RF", "_HC", "TS", "Slam", "Arc", "ssss", "_Miner", "Totem"));
        }
        return sb.toString();
    }

    private static String pick(Rng rng, String... options) {
        return options[rng.nextInt(options.length)];
    }

    private static int geometric(Rng rng, double p) {
        int n = 0;
        while (n < 20 && rng.chance(p)) {
            n++;
        }
        return n;
    }

    private static double lerp(double a, double b, double t) {
        return a + (b - a) * t;
    }
}
