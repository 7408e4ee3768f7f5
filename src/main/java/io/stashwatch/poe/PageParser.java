package io.stashwatch.poe;

import io.stashwatch.market.ItemKeys;
import io.stashwatch.model.Item;
import io.stashwatch.model.RiverPage;
import io.stashwatch.model.StashSnapshot;
import io.stashwatch.poe.parse.ByteStringCache;
import io.stashwatch.poe.parse.FieldNames;
import io.stashwatch.poe.parse.JsonScanner;
import java.util.ArrayList;
import java.util.Arrays;

/**
 * Reads a {@code /public-stash-tabs} page body into a {@link RiverPage}, keeping only what pricing
 * needs: per stash its id, public flag, account, tab name, type, league and items; per item what
 * {@link Item} holds. Everything else (icons, mods in either shape, requirements, flavour text,
 * socketed items, ...) is skipped without being decoded. Private stashes (nulls, no items) are kept:
 * they delist what the stash had.
 *
 * <p>A hand-written parser over the UTF-8 bytes ({@link JsonScanner}): field names are matched by
 * comparing bytes (no String per name), skipped values are scanned (strings eight bytes at a time)
 * but still validated, and only the kept values are decoded. It accepts and rejects what Jackson's
 * streaming parser did for this document shape, with the same results field by field (the Jackson
 * parser is kept in the tests as the oracle of a differential and fuzz test): duplicate fields, last
 * wins; a value of an unexpected type reads as null, 0 or false; booleans are true only for JSON
 * {@code true}; ints in a string use the leading number ({@code "+20%"}, {@code "21 (Max)"}); ints
 * outside the int range are an error.
 *
 * <p>Sets {@code nextChangeId}, {@code stashes}, {@code itemCount} and {@code bytes}; the caller
 * fills the page position (realm, change id, seq, times) and calls {@link RiverPage#fillPageFields()}.
 *
 * <p>Not thread-safe (it caches repeated strings such as leagues, base types and notes so they are
 * shared instead of allocated per item): use one parser per thread.
 */
public final class PageParser {

    private static final int MAX_SOCKET_GROUPS = 16;

    private static final int PROP_OTHER = 0;
    private static final int PROP_LEVEL = 1;
    private static final int PROP_QUALITY = 2;
    private static final int PROP_MAP_TIER = 3;

    // Field tables: the index in a table is the field's id in the matching switch.
    private static final FieldNames PAGE_FIELDS = new FieldNames("next_change_id", "stashes");
    private static final FieldNames STASH_FIELDS = new FieldNames("id", "public", "accountName", "stash", "stashType", "league",
            "items");
    private static final FieldNames ITEM_FIELDS = new FieldNames("id", "name", "typeLine", "baseType", "frameType", "note",
            "stackSize", "ilvl", "itemLevel", "identified", "corrupted", "sockets", "properties");
    private static final FieldNames SOCKET_FIELDS = new FieldNames("group");
    private static final FieldNames PROPERTY_FIELDS = new FieldNames("name", "type", "values");
    private static final FieldNames PROPERTY_NAMES = new FieldNames("Level", "Quality", "Map Tier");

    private final JsonScanner sc = new JsonScanner();
    private final ByteStringCache strings = new ByteStringCache(8192, 96);
    private final int[] groups = new int[MAX_SOCKET_GROUPS];
    private final ArrayList<StashSnapshot> stashScratch = new ArrayList<>(512);
    private final ArrayList<Item> itemScratch = new ArrayList<>(256);

    /** Index after the value a value reader just read. */
    private int pos;

    /** Parses a whole body. */
    public RiverPage parse(byte[] body) throws PageFormatException {
        return parse(body, 0, body.length);
    }

    /**
     * Parses {@code body[offset, offset + length)}.
     *
     * @throws PageFormatException when the bytes are not a stash page (the message says where)
     */
    public RiverPage parse(byte[] body, int offset, int length) throws PageFormatException {
        RiverPage page = new RiverPage();
        page.bytes = length;
        sc.reset(body, offset, length);
        try {
            int p = offset;
            if (length >= 3 && body[p] == (byte) 0xEF && body[p + 1] == (byte) 0xBB && body[p + 2] == (byte) 0xBF) {
                p += 3; // a UTF-8 byte order mark
            }
            p = sc.ws(p);
            if (sc.at(p) != '{') {
                throw new PageFormatException("malformed page body: expected a JSON object at byte " + (p - offset));
            }
            parsePage(p + 1, page);
        } catch (JsonScanner.Malformed e) {
            throw new PageFormatException(e.getMessage());
        } finally {
            stashScratch.clear();
            itemScratch.clear();
            sc.reset(null, 0, 0);
        }
        if (page.nextChangeId == null) {
            throw new PageFormatException("malformed page body: no next_change_id");
        }
        return page;
    }

    /** The id of the field name {@code buf[from, to)} (scanned, with flags {@code flags}) in {@code table}, or -1. */
    private int field(int from, int to, int flags, FieldNames table) {
        if (flags == 0) {
            return table.match(sc.buf, from, to);
        }
        int n = sc.decode(from, to);
        return table.match(sc.chars(), n);
    }

    // Each object reader starts just after the '{' and returns the index after the '}'. The depth
    // counts open containers (the page object is 1), for the nesting limit.

    private void parsePage(int p, RiverPage page) {
        byte[] b = sc.buf;
        p = sc.ws(p);
        if (sc.at(p) == '}') {
            return;
        }
        for (;;) {
            int from = sc.expectName(p);
            int to = sc.scanString(from);
            int v = sc.colon(to + 1);
            switch (field(from, to, sc.stringFlags, PAGE_FIELDS)) {
                case 0 -> {
                    if (b[v] == '"') {
                        int e = sc.scanString(v + 1);
                        page.nextChangeId = sc.string(v + 1, e, sc.stringFlags);
                        p = e + 1;
                    } else {
                        page.nextChangeId = null;
                        p = sc.skipValue(v, 1);
                    }
                }
                case 1 -> p = b[v] == '[' ? parseStashes(v + 1, page) : sc.skipValue(v, 1);
                default -> p = sc.skipValue(v, 1);
            }
            p = sc.afterValue(p, '}', "an object");
            if (p < 0) {
                return;
            }
        }
    }

    private int parseStashes(int p, RiverPage page) {
        sc.enter(2, p - 1);
        byte[] b = sc.buf;
        stashScratch.clear();
        int items = 0;
        p = sc.ws(p);
        if (sc.at(p) == ']') {
            p++;
        } else {
            for (;;) {
                p = sc.value(p);
                if (b[p] == '{') {
                    StashSnapshot s = new StashSnapshot();
                    p = parseStash(p + 1, s);
                    items += s.items.length;
                    stashScratch.add(s);
                } else {
                    p = sc.skipValue(p, 2);
                }
                p = sc.afterValue(p, ']', "an array");
                if (p < 0) {
                    p = -p - 1;
                    break;
                }
            }
        }
        page.stashes = stashScratch.toArray(new StashSnapshot[0]);
        page.itemCount = items;
        return p;
    }

    private int parseStash(int p, StashSnapshot s) {
        sc.enter(3, p - 1);
        byte[] b = sc.buf;
        p = sc.ws(p);
        if (sc.at(p) == '}') {
            return p + 1;
        }
        for (;;) {
            int from = sc.expectName(p);
            int to = sc.scanString(from);
            int v = sc.colon(to + 1);
            switch (field(from, to, sc.stringFlags, STASH_FIELDS)) {
                case 0 -> s.stashId = plainString(v, 3);
                case 1 -> s.isPublic = isTrue(v, 3);
                case 2 -> s.accountName = cachedString(v, 3);
                case 3 -> s.stashName = cachedString(v, 3);
                case 4 -> s.stashType = cachedString(v, 3);
                case 5 -> s.league = cachedString(v, 3);
                case 6 -> {
                    if (b[v] == '[') {
                        s.items = parseItems(v + 1);
                    } else {
                        pos = sc.skipValue(v, 3);
                    }
                }
                default -> pos = sc.skipValue(v, 3);
            }
            p = sc.afterValue(pos, '}', "an object");
            if (p < 0) {
                return -p - 1;
            }
        }
    }

    /** Items of the array whose '[' is just before {@code p}; sets {@link #pos}. */
    private Item[] parseItems(int p) {
        sc.enter(4, p - 1);
        byte[] b = sc.buf;
        itemScratch.clear();
        p = sc.ws(p);
        if (sc.at(p) == ']') {
            pos = p + 1;
            return new Item[0];
        }
        for (;;) {
            p = sc.value(p);
            if (b[p] == '{') {
                Item item = new Item();
                p = parseItem(p + 1, item);
                itemScratch.add(item);
            } else {
                p = sc.skipValue(p, 4);
            }
            p = sc.afterValue(p, ']', "an array");
            if (p < 0) {
                pos = -p - 1;
                return itemScratch.isEmpty() ? new Item[0] : itemScratch.toArray(new Item[0]);
            }
        }
    }

    private int parseItem(int p, Item item) {
        sc.enter(5, p - 1);
        p = sc.ws(p);
        if (sc.at(p) == '}') {
            p = p + 1;
        } else {
            for (;;) {
                int from = sc.expectName(p);
                int to = sc.scanString(from);
                int v = sc.colon(to + 1);
                switch (field(from, to, sc.stringFlags, ITEM_FIELDS)) {
                    case 0 -> item.id = plainString(v, 5);
                    case 1 -> item.name = markupFreeString(v, 5);
                    case 2 -> item.typeLine = markupFreeString(v, 5);
                    case 3 -> item.baseType = markupFreeString(v, 5);
                    case 4 -> item.frameType = intValue(v, 5);
                    case 5 -> item.note = cachedString(v, 5);
                    case 6 -> item.stackSize = intValue(v, 5);
                    case 7, 8 -> item.ilvl = intValue(v, 5);
                    case 9 -> item.identified = isTrue(v, 5);
                    case 10 -> item.corrupted = isTrue(v, 5);
                    case 11 -> parseSockets(v, item);
                    case 12 -> parseProperties(v, item);
                    default -> pos = sc.skipValue(v, 5);
                }
                p = sc.afterValue(pos, '}', "an object");
                if (p < 0) {
                    p = -p - 1;
                    break;
                }
            }
        }
        if (item.name == null) {
            item.name = "";
        }
        if (item.frameType == ItemKeys.FRAME_GEM) {
            item.gemAltQuality = ItemKeys.altQualityOf(item.typeLine);
        } else {
            item.gemLevel = 0;
            item.gemQuality = 0;
        }
        return p;
    }

    /** Sockets and links: the largest group of sockets sharing {@code group}. Sets {@link #pos}. */
    private void parseSockets(int v, Item item) {
        byte[] b = sc.buf;
        if (b[v] != '[') {
            pos = sc.skipValue(v, 5);
            return;
        }
        sc.enter(6, v);
        Arrays.fill(groups, 0);
        int count = 0;
        int p = sc.ws(v + 1);
        if (sc.at(p) == ']') {
            p++;
        } else {
            for (;;) {
                p = sc.value(p);
                if (b[p] == '{') {
                    sc.enter(7, p);
                    count++;
                    int group = 0;
                    p = sc.ws(p + 1);
                    if (sc.at(p) == '}') {
                        p++;
                    } else {
                        for (;;) {
                            int from = sc.expectName(p);
                            int to = sc.scanString(from);
                            int w = sc.colon(to + 1);
                            if (field(from, to, sc.stringFlags, SOCKET_FIELDS) == 0) {
                                group = intValue(w, 7);
                            } else {
                                pos = sc.skipValue(w, 7);
                            }
                            p = sc.afterValue(pos, '}', "an object");
                            if (p < 0) {
                                p = -p - 1;
                                break;
                            }
                        }
                    }
                    if (group >= 0 && group < MAX_SOCKET_GROUPS) {
                        groups[group]++;
                    }
                } else {
                    p = sc.skipValue(p, 6);
                }
                p = sc.afterValue(p, ']', "an array");
                if (p < 0) {
                    p = -p - 1;
                    break;
                }
            }
        }
        int links = 0;
        for (int g : groups) {
            links = Math.max(links, g);
        }
        item.sockets = count;
        item.links = links;
        pos = p;
    }

    /**
     * Gem level (type 5, "Level": {@code "20"}, {@code "21 (Max)"}), quality (type 6, "Quality":
     * {@code "+20%"}) and map tier ("Map Tier"). The type is preferred; the name is used when an
     * entry has no type. Sets {@link #pos}.
     */
    private void parseProperties(int v, Item item) {
        byte[] b = sc.buf;
        if (b[v] != '[') {
            pos = sc.skipValue(v, 5);
            return;
        }
        sc.enter(6, v);
        int p = sc.ws(v + 1);
        if (sc.at(p) == ']') {
            pos = p + 1;
            return;
        }
        for (;;) {
            p = sc.value(p);
            if (b[p] == '{') {
                sc.enter(7, p);
                int named = PROP_OTHER;
                int type = -1;
                int value = -1;
                p = sc.ws(p + 1);
                if (sc.at(p) == '}') {
                    p++;
                } else {
                    for (;;) {
                        int from = sc.expectName(p);
                        int to = sc.scanString(from);
                        int w = sc.colon(to + 1);
                        switch (field(from, to, sc.stringFlags, PROPERTY_FIELDS)) {
                            case 0 -> {
                                if (b[w] == '"') {
                                    int e = sc.scanString(w + 1);
                                    named = 1 + field(w + 1, e, sc.stringFlags, PROPERTY_NAMES);
                                    pos = e + 1;
                                } else {
                                    named = PROP_OTHER;
                                    pos = sc.skipValue(w, 7);
                                }
                            }
                            case 1 -> type = intValue(w, 7);
                            case 2 -> value = firstValue(w);
                            default -> pos = sc.skipValue(w, 7);
                        }
                        p = sc.afterValue(pos, '}', "an object");
                        if (p < 0) {
                            p = -p - 1;
                            break;
                        }
                    }
                }
                if (value >= 0) {
                    if (type == 5 || (type < 0 && named == PROP_LEVEL)) {
                        item.gemLevel = value;
                    } else if (type == 6 || (type < 0 && named == PROP_QUALITY)) {
                        item.gemQuality = value;
                    } else if (named == PROP_MAP_TIER) {
                        item.mapTier = value;
                    }
                }
            } else {
                p = sc.skipValue(p, 6);
            }
            p = sc.afterValue(p, ']', "an array");
            if (p < 0) {
                pos = -p - 1;
                return;
            }
        }
    }

    /**
     * The leading whole number of the first value of {@code [["+20%", 1], ...]} (a property's values,
     * at depth 7), or -1. Sets {@link #pos}.
     */
    private int firstValue(int v) {
        byte[] b = sc.buf;
        if (b[v] != '[') {
            pos = sc.skipValue(v, 7);
            return -1;
        }
        sc.enter(8, v);
        int value = -1;
        int p = sc.ws(v + 1);
        if (sc.at(p) == ']') {
            pos = p + 1;
            return -1;
        }
        p = sc.value(p);
        if (b[p] == '[') {
            sc.enter(9, p);
            p = sc.ws(p + 1);
            if (sc.at(p) == ']') {
                p++;
            } else {
                boolean first = true;
                for (;;) {
                    p = sc.value(p);
                    int c = b[p];
                    if (first && c == '"') {
                        int e = sc.scanString(p + 1);
                        value = leadingInt(p + 1, e, sc.stringFlags);
                        p = e + 1;
                    } else if (first && (c == '-' || (c >= '0' && c <= '9'))) {
                        p = sc.scanNumber(p);
                        if (sc.numberKind == JsonScanner.INT) {
                            value = sc.intValue(p);
                        }
                    } else {
                        p = sc.skipValue(p, 9);
                    }
                    first = false;
                    p = sc.afterValue(p, ']', "an array");
                    if (p < 0) {
                        p = -p - 1;
                        break;
                    }
                }
            }
        } else {
            p = sc.skipValue(p, 8);
        }
        for (;;) {
            p = sc.afterValue(p, ']', "an array");
            if (p < 0) {
                pos = -p - 1;
                return value;
            }
            p = sc.skipValue(sc.value(p), 8);
        }
    }

    /** {@code "+20%"} → 20, {@code "21 (Max)"} → 21; -1 when there is no number at the start. */
    static int leadingInt(char[] buf, int off, int len) {
        int i = off;
        int end = off + len;
        if (i < end && buf[i] == '+') {
            i++;
        }
        int start = i;
        long v = 0;
        while (i < end && buf[i] >= '0' && buf[i] <= '9' && i - start < 9) {
            v = v * 10 + (buf[i] - '0');
            i++;
        }
        return i == start ? -1 : (int) v;
    }

    /** {@link #leadingInt(char[], int, int)} of the scanned string {@code buf[from, to)}. */
    private int leadingInt(int from, int to, int flags) {
        if (flags != 0) {
            int n = sc.decode(from, to);
            return leadingInt(sc.chars(), 0, n);
        }
        byte[] b = sc.buf;
        int i = from;
        if (i < to && b[i] == '+') {
            i++;
        }
        int start = i;
        long v = 0;
        while (i < to && b[i] >= '0' && b[i] <= '9' && i - start < 9) {
            v = v * 10 + (b[i] - '0');
            i++;
        }
        return i == start ? -1 : (int) v;
    }

    // Value readers: v is the index of the value's first byte, depth that of the object holding it;
    // each sets pos to the index after the value.

    private int intValue(int v, int depth) {
        int c = sc.buf[v];
        if (c == '-' || (c >= '0' && c <= '9')) {
            int e = sc.scanNumber(v);
            pos = e;
            return sc.numberKind == JsonScanner.INT ? sc.intValue(e) : 0;
        }
        if (c == '"') {
            int e = sc.scanString(v + 1);
            pos = e + 1;
            return Math.max(0, leadingInt(v + 1, e, sc.stringFlags));
        }
        pos = sc.skipValue(v, depth);
        return 0;
    }

    private boolean isTrue(int v, int depth) {
        pos = sc.skipValue(v, depth);
        return sc.buf[v] == 't';
    }

    private String plainString(int v, int depth) {
        if (sc.buf[v] != '"') {
            pos = sc.skipValue(v, depth);
            return null;
        }
        int e = sc.scanString(v + 1);
        pos = e + 1;
        return sc.string(v + 1, e, sc.stringFlags);
    }

    private String cachedString(int v, int depth) {
        if (sc.buf[v] != '"') {
            pos = sc.skipValue(v, depth);
            return null;
        }
        int e = sc.scanString(v + 1);
        pos = e + 1;
        return strings.get(sc, v + 1, e, sc.stringFlags);
    }

    /** A name or type line without the {@code <<set:MS>><<set:M>><<set:S>>} prefix markup. */
    private String markupFreeString(int v, int depth) {
        byte[] b = sc.buf;
        if (b[v] != '"') {
            pos = sc.skipValue(v, depth);
            return null;
        }
        int off = v + 1;
        int end = sc.scanString(off);
        int flags = sc.stringFlags;
        pos = end + 1;
        if (flags != 0) {
            int n = sc.decode(off, end);
            char[] c = sc.chars();
            int start = markupEnd(c, n);
            return n == start ? "" : new String(c, start, n - start);
        }
        while (end - off >= 4 && b[off] == '<' && b[off + 1] == '<') {
            int close = -1;
            for (int i = off + 2; i + 1 < end; i++) {
                if (b[i] == '>' && b[i + 1] == '>') {
                    close = i;
                    break;
                }
            }
            if (close < 0) {
                break;
            }
            off = close + 2;
        }
        return strings.get(sc, off, end, 0);
    }

    /** The index in {@code c[0, n)} after the leading {@code <<...>>} markup. */
    private static int markupEnd(char[] c, int n) {
        int off = 0;
        while (n - off >= 4 && c[off] == '<' && c[off + 1] == '<') {
            int close = -1;
            for (int i = off + 2; i + 1 < n; i++) {
                if (c[i] == '>' && c[i + 1] == '>') {
                    close = i;
                    break;
                }
            }
            if (close < 0) {
                break;
            }
            off = close + 2;
        }
        return off;
    }
}
