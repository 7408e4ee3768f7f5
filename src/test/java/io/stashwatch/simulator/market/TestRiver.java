package io.stashwatch.simulator.market;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A simulated river read back from its JSON the way a consumer would: every page parsed with
 * Jackson, item keys and note prices computed here from the documented rules (independently of the
 * generator's own code), so tests check what is on the wire.
 */
final class TestRiver {
    static final ObjectMapper MAPPER = new ObjectMapper();
    /** Seed of the shared river; {@code -Dsim.test.seed=N} runs the river tests on another market. */
    static final long SEED = Long.getLong("sim.test.seed", 21);
    private static final Map<String, TestRiver> CACHE = new ConcurrentHashMap<>();
    private static final Pattern NOTE = Pattern.compile("^~(price|b/o) (\\d+(?:\\.\\d+)?(?:/\\d+)?) ([a-z]+)$");
    private static final Map<String, String> ALIASES = new HashMap<>();

    static {
        String[][] a = {
            {"chaos", "chaos", "c"}, {"divine", "divine", "div"}, {"exalted", "exalted", "exalt", "exa", "ex"},
            {"alch", "alch"}, {"fusing", "fuse", "fusing"}, {"chisel", "chisel"}, {"gcp", "gcp"},
            {"chrome", "chrom", "chrome"}, {"alt", "alt"}, {"jew", "jew"}, {"regal", "regal"}, {"vaal", "vaal"},
            {"mirror", "mirror", "mir"},
        };
        for (String[] row : a) {
            for (int i = 1; i < row.length; i++) {
                ALIASES.put(row[i], row[0]);
            }
        }
    }

    /** One stash entry of a page. */
    static final class Entry {
        long page;
        String stashId;
        boolean isPublic;
        String account;
        String character;
        String stashName;
        String stashType;
        String league;
        List<TItem> items = new ArrayList<>();
        boolean nullsWhenPrivate;
    }

    /** One item as a consumer sees it. */
    static final class TItem {
        String id;
        String key;
        String note;
        /** Effective price per unit in chaos (own note, else tab name); NaN when not a fixed price. */
        double priceChaos = Double.NaN;
        /** Own note's currency id, or null. */
        String currency;
        int frameType;
        int stackSize;
        int sockets;
        int links;
        int gemLevel;
        String league;
    }

    final MarketSettings settings;
    final MarketFeed feed;
    final GroundTruth truth;
    final List<List<Entry>> pages = new ArrayList<>();
    final List<byte[]> bodies = new ArrayList<>();
    long bytes;

    private TestRiver(MarketSettings settings) {
        this.settings = settings;
        this.feed = new MarketFeed(settings);
        this.truth = feed.groundTruth();
        for (long p = 0; p < settings.pages(); p++) {
            byte[] body = feed.pageJson(p);
            bytes += body.length;
            bodies.add(body);
            pages.add(parse(p, body));
        }
    }

    /** The river of these settings, parsed once per test run. */
    static TestRiver of(MarketSettings settings) {
        return CACHE.computeIfAbsent(settings.toString() + "/" + settings.seed() + "/" + settings.minDistinctAccounts(),
                k -> new TestRiver(settings));
    }

    /** The river most tests share: 240 pages x 25 stashes, every scenario on. */
    static MarketSettings small(long seed) {
        return MarketSettings.builder().seed(seed).pages(240).stashesPerPage(25).accounts(400)
                .underpricedPer100Pages(10).cxOriginHour(1_700_000_000L / 3600 * 3600).build();
    }

    private List<Entry> parse(long page, byte[] body) {
        try (JsonParser jp = MAPPER.getFactory().createParser(body)) {
            List<Entry> out = new ArrayList<>();
            expect(jp.nextToken(), JsonToken.START_OBJECT);
            while (jp.nextToken() == JsonToken.FIELD_NAME) {
                String field = jp.currentName();
                jp.nextToken();
                if (!field.equals("stashes")) {
                    jp.skipChildren();
                    continue;
                }
                expect(jp.currentToken(), JsonToken.START_ARRAY);
                while (jp.nextToken() == JsonToken.START_OBJECT) {
                    out.add(stash(jp, page));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("page " + page + " is not JSON", e);
        }
    }

    private static void expect(JsonToken actual, JsonToken wanted) throws IOException {
        if (actual != wanted) {
            throw new IOException("expected " + wanted + ", found " + actual);
        }
    }

    private Entry stash(JsonParser jp, long page) throws IOException {
        Entry e = new Entry();
        e.page = page;
        int nulls = 0;
        List<TItem> items = new ArrayList<>();
        while (jp.nextToken() == JsonToken.FIELD_NAME) {
            String f = jp.currentName();
            JsonToken t = jp.nextToken();
            if (t == JsonToken.VALUE_NULL) {
                nulls++;
                continue;
            }
            switch (f) {
                case "id" -> e.stashId = jp.getText();
                case "public" -> e.isPublic = jp.getBooleanValue();
                case "accountName" -> e.account = jp.getText();
                case "lastCharacterName" -> e.character = jp.getText();
                case "stash" -> e.stashName = jp.getText();
                case "stashType" -> e.stashType = jp.getText();
                case "league" -> e.league = jp.getText();
                case "items" -> {
                    while (jp.nextToken() == JsonToken.START_OBJECT) {
                        items.add(item(jp));
                    }
                }
                default -> jp.skipChildren();
            }
        }
        e.nullsWhenPrivate = nulls == 4;
        double tabPrice = e.stashName != null ? priceChaos(e.stashName, e.league) : Double.NaN;
        for (TItem t : items) {
            if (t.note != null) {
                t.priceChaos = priceChaos(t.note, e.league);
                t.currency = currency(t.note);
            } else {
                t.priceChaos = tabPrice;
            }
        }
        e.items = items;
        return e;
    }

    private static TItem item(JsonParser jp) throws IOException {
        TItem t = new TItem();
        String name = "";
        String base = null;
        String typeLine = null;
        boolean corrupted = false;
        int quality = 0;
        int mapTier = 0;
        Map<Integer, Integer> groups = new HashMap<>();
        while (jp.nextToken() == JsonToken.FIELD_NAME) {
            String f = jp.currentName();
            jp.nextToken();
            switch (f) {
                case "id" -> t.id = jp.getText();
                case "frameType" -> t.frameType = jp.getIntValue();
                case "note" -> t.note = jp.getText();
                case "league" -> t.league = jp.getText();
                case "stackSize" -> t.stackSize = jp.getIntValue();
                case "name" -> name = jp.getText();
                case "typeLine" -> typeLine = jp.getText();
                case "baseType" -> base = jp.getText();
                case "corrupted" -> corrupted = jp.getBooleanValue();
                case "sockets" -> {
                    while (jp.nextToken() == JsonToken.START_OBJECT) {
                        while (jp.nextToken() == JsonToken.FIELD_NAME) {
                            String sf = jp.currentName();
                            jp.nextToken();
                            if (sf.equals("group")) {
                                int size = groups.merge(jp.getIntValue(), 1, Integer::sum);
                                t.links = Math.max(t.links, size);
                            }
                        }
                        t.sockets++;
                    }
                }
                case "properties" -> {
                    while (jp.nextToken() == JsonToken.START_OBJECT) {
                        String pname = null;
                        String first = null;
                        int type = -1;
                        while (jp.nextToken() == JsonToken.FIELD_NAME) {
                            String pf = jp.currentName();
                            jp.nextToken();
                            switch (pf) {
                                case "name" -> pname = jp.getText();
                                case "type" -> type = jp.getIntValue();
                                case "values" -> {
                                    while (jp.nextToken() == JsonToken.START_ARRAY) {
                                        jp.nextToken();
                                        if (first == null) {
                                            first = jp.getText();
                                        }
                                        while (jp.nextToken() != JsonToken.END_ARRAY) {
                                            jp.skipChildren();
                                        }
                                    }
                                }
                                default -> jp.skipChildren();
                            }
                        }
                        if (type == 5) {
                            t.gemLevel = leadingInt(first);
                        } else if (type == 6) {
                            quality = leadingInt(first);
                        } else if (type == 1 && "Map Tier".equals(pname)) {
                            mapTier = leadingInt(first);
                        }
                    }
                }
                default -> jp.skipChildren();
            }
        }
        name = name.replaceAll("<<[^>]*>>", "");
        if (mapTier > 0) {
            t.key = base + " T" + mapTier;
        } else {
            t.key = switch (t.frameType) {
                case 3 -> name + " " + base + (t.links >= 6 ? " 6L" : t.links == 5 ? " 5L" : "");
                case 4 -> typeLine + " gem " + t.gemLevel + "/" + quality + (corrupted ? " corrupted" : "");
                case 6 -> typeLine + " card";
                case 5 -> typeLine;
                case 2 -> base + " (rare)";
                case 1 -> base + " (magic)";
                default -> base;
            };
        }
        return t;
    }

    private static int leadingInt(String s) {
        String digits = s.replaceAll("^\\+", "").replaceAll("[^0-9].*$", "");
        return Integer.parseInt(digits);
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    /** Chaos per unit of a note in a league, NaN when it is not a fixed price in a known currency. */
    double priceChaos(String note, String league) {
        if (note == null || league == null) {
            return Double.NaN;
        }
        Matcher m = NOTE.matcher(note);
        if (!m.matches()) {
            return Double.NaN;
        }
        String amount = m.group(2);
        double v;
        int slash = amount.indexOf('/');
        if (slash >= 0) {
            double den = Double.parseDouble(amount.substring(slash + 1));
            if (den == 0) {
                return Double.NaN;
            }
            v = Double.parseDouble(amount.substring(0, slash)) / den;
        } else {
            v = Double.parseDouble(amount);
        }
        String cur = ALIASES.get(m.group(3));
        if (cur == null || v <= 0) {
            return Double.NaN;
        }
        return v * truth.rates.get(league).get(cur);
    }

    static String currency(String note) {
        Matcher m = NOTE.matcher(note);
        return m.matches() ? ALIASES.get(m.group(3)) : null;
    }

    /** The item key by the documented rules (see SimKeys). */
    static String key(JsonNode it) {
        int frame = it.get("frameType").asInt();
        String name = it.get("name").asText().replaceAll("<<[^>]*>>", "");
        String base = it.get("baseType").asText();
        String typeLine = it.get("typeLine").asText();
        if (it.has("properties")) {
            for (JsonNode p : it.get("properties")) {
                if (p.path("type").asInt() == 1 && p.get("name").asText().equals("Map Tier")) {
                    return base + " T" + p.get("values").get(0).get(0).asText();
                }
            }
        }
        switch (frame) {
            case 3 -> {
                int links = 0;
                if (it.has("sockets")) {
                    Map<Integer, Integer> groups = new HashMap<>();
                    for (JsonNode s : it.get("sockets")) {
                        links = Math.max(links, groups.merge(s.get("group").asInt(), 1, Integer::sum));
                    }
                }
                return name + " " + base + (links >= 6 ? " 6L" : links == 5 ? " 5L" : "");
            }
            case 4 -> {
                return typeLine + " gem " + gemProperty(it, 5) + "/" + gemProperty(it, 6)
                        + (it.path("corrupted").asBoolean() ? " corrupted" : "");
            }
            case 6 -> {
                return typeLine + " card";
            }
            case 5 -> {
                return typeLine;
            }
            case 2 -> {
                return base + " (rare)";
            }
            case 1 -> {
                return base + " (magic)";
            }
            default -> {
                return base;
            }
        }
    }

    static int gemProperty(JsonNode it, int type) {
        for (JsonNode p : it.get("properties")) {
            if (p.path("type").asInt() == type) {
                String v = p.get("values").get(0).get(0).asText();
                return Integer.parseInt(v.replaceAll("^\\+", "").replaceAll("[^0-9].*$", ""));
            }
        }
        return 0;
    }

    /** Fair chaos of a key at a page, scenarios included. */
    double fairAt(String league, String key, long page) {
        Double f = truth.fairChaos.get(league + "|" + key);
        if (f == null) {
            return Double.NaN;
        }
        for (GroundTruth.Shift s : truth.shifts) {
            if (s.league.equals(league) && s.itemKey.equals(key) && page >= s.fromPage) {
                return f * s.factor;
            }
        }
        for (GroundTruth.Crash c : truth.crashes) {
            if (c.league.equals(league) && c.itemKey.equals(key) && page >= c.fromPage) {
                return f * c.factor;
            }
        }
        return f;
    }
}
