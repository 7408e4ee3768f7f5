package io.stashwatch.simulator.market;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** The parsed item universe of {@link CatalogData}; immutable and shared by every feed. */
final class Catalog {

    static final class UniqueDef {
        String name;
        String base;
        int w;
        int h;
        String category;
        String sub;
        int maxSockets;
        /** Chaos of the 0-4 link variant, 0 when the item always has 6 links. */
        double chaos;
        double chaos5;
        double chaos6;
        int level;
        String[] implicits;
        String[] explicits;
        String[] flavour;
        double popularity;
        String icon;
    }

    /** One tradeable gem variant: level, quality, corruption, alternate quality, price. */
    static final class GemVariant {
        int level;
        int quality;
        boolean corrupted;
        /** Anomalous, Divergent, Phantasmal, or null. */
        String alt;
        double chaos;
    }

    static final class GemDef {
        String name;
        String tags;
        char attr;
        int maxLevel;
        double popularity;
        boolean support;
        List<GemVariant> variants = new ArrayList<>();
        String icon;
    }

    static final class CardDef {
        String name;
        int stack;
        double chaos;
        double popularity;
        String reward;
        String flavour;
        String art;
    }

    static final class CurrencyDef {
        /** Currency Exchange id, or null when not traded there and not used in notes. */
        String cxId;
        String name;
        int maxStack;
        double chaos;
        double popularity;
        String description;
        String icon;
    }

    static final class MapDef {
        String name;
        int tier;
        double chaos;
        double popularity;
        String icon;
    }

    static final class BaseDef {
        String base;
        int w;
        int h;
        String category;
        String sub;
        int maxSockets;
        int level;
        String implicit;
        String icon;
    }

    private static final Catalog INSTANCE = new Catalog();

    final List<UniqueDef> uniques = new ArrayList<>();
    final List<GemDef> gems = new ArrayList<>();
    final List<CardDef> cards = new ArrayList<>();
    final List<CurrencyDef> currencies = new ArrayList<>();
    final List<MapDef> maps = new ArrayList<>();
    final List<BaseDef> bases = new ArrayList<>();
    final String[] rareMods;
    final String[] rareFirst;
    final String[] rareSecond;
    final String[] magicPrefixes;
    final String[] magicSuffixes;
    final String[] syllables;
    final String[] nameSuffixes;

    static Catalog get() {
        return INSTANCE;
    }

    private Catalog() {
        for (String[] f : rows(CatalogData.UNIQUES, 15)) {
            UniqueDef u = new UniqueDef();
            u.name = f[0];
            u.base = f[1];
            u.w = Integer.parseInt(f[2]);
            u.h = Integer.parseInt(f[3]);
            u.category = f[4];
            u.sub = f[5];
            u.maxSockets = Integer.parseInt(f[6]);
            u.chaos = Double.parseDouble(f[7]);
            u.chaos5 = Double.parseDouble(f[8]);
            u.chaos6 = Double.parseDouble(f[9]);
            u.level = Integer.parseInt(f[10]);
            u.implicits = list(f[11]);
            u.explicits = list(f[12]);
            u.flavour = list(f[13]);
            u.popularity = Double.parseDouble(f[14]);
            u.icon = icon(categoryPath(u.category, u.sub), u.name, u.w, u.h);
            uniques.add(u);
        }
        for (String[] f : rows(CatalogData.GEMS, 6)) {
            GemDef g = new GemDef();
            g.name = f[0];
            g.tags = f[1];
            g.attr = f[2].charAt(0);
            g.maxLevel = Integer.parseInt(f[3]);
            g.popularity = Double.parseDouble(f[4]);
            g.support = g.name.endsWith(" Support");
            for (String v : f[5].split(",")) {
                String[] kv = v.split(":");
                String spec = kv[0];
                GemVariant gv = new GemVariant();
                char first = spec.charAt(0);
                if (first == 'A' || first == 'D' || first == 'P') {
                    gv.alt = first == 'A' ? "Anomalous" : first == 'D' ? "Divergent" : "Phantasmal";
                    spec = spec.substring(1);
                }
                if (spec.endsWith("c")) {
                    gv.corrupted = true;
                    spec = spec.substring(0, spec.length() - 1);
                }
                String[] lq = spec.split("/");
                gv.level = Integer.parseInt(lq[0]);
                gv.quality = Integer.parseInt(lq[1]);
                gv.chaos = Double.parseDouble(kv[1]);
                g.variants.add(gv);
            }
            g.icon = icon("Gems/" + (g.support ? "Support/" : ""), g.name, 1, 1);
            gems.add(g);
        }
        for (String[] f : rows(CatalogData.CARDS, 6)) {
            CardDef c = new CardDef();
            c.name = f[0];
            c.stack = Integer.parseInt(f[1]);
            c.chaos = Double.parseDouble(f[2]);
            c.popularity = Double.parseDouble(f[3]);
            c.reward = f[4];
            c.flavour = f[5];
            c.art = c.name.replaceAll("[^A-Za-z]", "");
            cards.add(c);
        }
        for (String[] f : rows(CatalogData.CURRENCY, 6)) {
            CurrencyDef c = new CurrencyDef();
            c.cxId = f[0].isEmpty() ? null : f[0];
            c.name = f[1];
            c.maxStack = Integer.parseInt(f[2]);
            c.chaos = Double.parseDouble(f[3]);
            c.popularity = Double.parseDouble(f[4]);
            c.description = f[5];
            c.icon = icon("Currency/", c.name, 1, 1);
            currencies.add(c);
        }
        for (String[] f : rows(CatalogData.MAPS, 4)) {
            MapDef m = new MapDef();
            m.name = f[0];
            m.tier = Integer.parseInt(f[1]);
            m.chaos = Double.parseDouble(f[2]);
            m.popularity = Double.parseDouble(f[3]);
            m.icon = icon("Maps/Atlas2Maps/New/", m.name, 1, 1);
            maps.add(m);
        }
        for (String[] f : rows(CatalogData.BASES, 8)) {
            BaseDef b = new BaseDef();
            b.base = f[0];
            b.w = Integer.parseInt(f[1]);
            b.h = Integer.parseInt(f[2]);
            b.category = f[3];
            b.sub = f[4];
            b.maxSockets = Integer.parseInt(f[5]);
            b.level = Integer.parseInt(f[6]);
            b.implicit = f[7].isEmpty() ? null : f[7];
            b.icon = icon(categoryPath(b.category, b.sub), b.base, b.w, b.h);
            bases.add(b);
        }
        rareMods = CatalogData.RARE_MODS.strip().split("\n");
        for (int i = 0; i < rareMods.length; i++) {
            rareMods[i] = rareMods[i].strip();
        }
        rareFirst = CatalogData.RARE_NAME_FIRST.split(";");
        rareSecond = CatalogData.RARE_NAME_SECOND.split(";");
        magicPrefixes = CatalogData.MAGIC_PREFIXES.split(";");
        magicSuffixes = CatalogData.MAGIC_SUFFIXES.split(";");
        syllables = CatalogData.SYLLABLES.split(";");
        nameSuffixes = CatalogData.NAME_SUFFIXES.split(";", -1);
    }

    /** Index of the currency with this Currency Exchange id, or -1. */
    int currencyIndex(String cxId) {
        for (int i = 0; i < currencies.size(); i++) {
            if (cxId.equals(currencies.get(i).cxId)) {
                return i;
            }
        }
        return -1;
    }

    private static List<String[]> rows(String table, int fields) {
        List<String[]> out = new ArrayList<>();
        // Split on \n only: flavour text carries \r line ends like the real API.
        for (String line : table.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.strip().split("\\|", -1);
            if (f.length != fields) {
                throw new IllegalStateException("catalog row has " + f.length + " fields, expected " + fields + ": " + line);
            }
            out.add(f);
        }
        return out;
    }

    private static String[] list(String s) {
        return s.isEmpty() ? new String[0] : s.split(";");
    }

    private static String categoryPath(String category, String sub) {
        return switch (category) {
            case "weapons" -> "Weapons/";
            case "accessories" -> sub.equals("belt") ? "Belts/" : sub.equals("ring") ? "Rings/" : "Amulets/";
            case "jewels" -> "Jewels/";
            case "flasks" -> "Flasks/";
            default -> switch (sub) {
                case "helmet" -> "Armours/Helmets/";
                case "gloves" -> "Armours/Gloves/";
                case "boots" -> "Armours/Boots/";
                case "shield" -> "Armours/Shields/";
                default -> "Armours/BodyArmours/";
            };
        };
    }

    /** A CDN icon URL in the shape the real API uses (base64 of the render request, hash, file name). */
    static String icon(String dir, String name, int w, int h) {
        String file = name.replaceAll("[^A-Za-z]", "");
        String req = "[25,14,{\"f\":\"2DItems/" + dir + file + "\",\"w\":" + w + ",\"h\":" + h + ",\"scale\":1}]";
        String b64 = Base64.getUrlEncoder().withoutPadding().encodeToString(req.getBytes(StandardCharsets.UTF_8));
        long hash = Rng.mix(file.hashCode() * 31L + w * 7L + h);
        String hex = String.format("%010x", hash & 0xFFFFFFFFFFL);
        return "https://web.poecdn.com/gen/image/" + b64 + "/" + hex + "/" + file + ".png";
    }

    /**
     * Replaces each roll range {@code (a-b)} by a value at fraction {@code t} of the range
     * (0 = low roll, 1 = high roll).
     */
    static String roll(String template, double t) {
        int open = template.indexOf('(');
        if (open < 0) {
            return template;
        }
        StringBuilder sb = new StringBuilder(template.length());
        int pos = 0;
        while (open >= 0) {
            int close = template.indexOf(')', open);
            int dash = template.indexOf('-', open + 2);
            if (close < 0 || dash < 0 || dash > close) {
                break;
            }
            String a = template.substring(open + 1, dash);
            String b = template.substring(dash + 1, close);
            try {
                int lo = Integer.parseInt(a);
                int hi = Integer.parseInt(b);
                if (lo > hi) {
                    int x = lo;
                    lo = hi;
                    hi = x;
                }
                int v = lo + (int) Math.round((hi - lo) * t);
                sb.append(template, pos, open).append(v);
                pos = close + 1;
            } catch (NumberFormatException e) {
                sb.append(template, pos, close + 1);
                pos = close + 1;
            }
            open = template.indexOf('(', pos);
        }
        sb.append(template, pos, template.length());
        return sb.toString();
    }
}
