package io.stashwatch.poe;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.stashwatch.market.ItemKeys;
import io.stashwatch.model.Item;
import io.stashwatch.model.RiverPage;
import io.stashwatch.model.StashSnapshot;
import io.stashwatch.poe.parse.StringCache;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;

/**
 * The Jackson streaming page parser that {@link PageParser} replaced, kept as the test oracle for it
 * ({@code PageParserDifferentialTest}). Unchanged but for three fixes, marked in the code. "fix 1": when
 * {@code next_change_id}, a stash's {@code id} or {@code public}, an item's {@code id},
 * {@code identified} or {@code corrupted}, or a property's {@code name} held an array or an object, the
 * original did not skip it, so the container's contents were read as fields of the enclosing object
 * (or the page was rejected); now such a value is skipped and reads as null/false, like every other
 * field of an unexpected type. The new parser does the same. "fix 2": a Jackson error without a
 * location (a nesting depth or number length beyond Jackson's limits) became a NullPointerException;
 * now it is a {@link PageFormatException} too. "fix 3": a new JSON factory per page. Jackson
 * canonicalises field names in a symbol table shared by all parsers of a factory, keyed by four-byte
 * groups whose unused bytes are 0xFF; so a name that differs from one seen before only by trailing
 * 0xFF bytes in its last group, such as {@code "accountN\xFFme"} after {@code "accountNme"}, was taken
 * for that name instead of being rejected as invalid UTF-8, and whether a page parsed depended on
 * the pages parsed before it. With a factory per page this remains only within a page (the new
 * parser always rejects the 0xFF byte; see {@code PageParserDifferentialTest}).
 *
 * <p>Reads a {@code /public-stash-tabs} page body into a {@link RiverPage} with Jackson's streaming
 * parser, keeping only what pricing needs: per stash its id, public flag, account, tab name, type,
 * league and items; per item what {@link Item} holds. Everything else (icons, mods in either shape,
 * requirements, flavour text, socketed items, ...) is skipped without being decoded. Private
 * stashes (nulls, no items) are kept: they delist what the stash had.
 *
 * <p>Sets {@code nextChangeId}, {@code stashes}, {@code itemCount} and {@code bytes}; the caller
 * fills the page position (realm, change id, seq, times) and calls {@link RiverPage#fillPageFields()}.
 *
 * <p>Not thread-safe (it caches repeated strings such as leagues, base types and notes so they are
 * shared instead of allocated per item): use one parser per thread.
 */
public final class JacksonPageParserOracle {


    private static final int MAX_SOCKET_GROUPS = 16;

    private static final int PROP_OTHER = 0;
    private static final int PROP_LEVEL = 1;
    private static final int PROP_QUALITY = 2;
    private static final int PROP_MAP_TIER = 3;

    private final StringCache strings = new StringCache(8192, 96);
    private final int[] groups = new int[MAX_SOCKET_GROUPS];
    private final ArrayList<StashSnapshot> stashScratch = new ArrayList<>(512);
    private final ArrayList<Item> itemScratch = new ArrayList<>(256);

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
        // fix 3: a new factory per page, so no symbol table of field names shared between pages
        try (JsonParser p = JsonFactory.builder().build().createParser(body, offset, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new PageFormatException("malformed page body: expected a JSON object at byte 0");
            }
            String field;
            while ((field = p.nextFieldName()) != null) {
                JsonToken t = p.nextToken();
                if ("next_change_id".equals(field)) {
                    page.nextChangeId = textOrSkip(p, t); // fix 1
                } else if ("stashes".equals(field) && t == JsonToken.START_ARRAY) {
                    parseStashes(p, page);
                } else {
                    p.skipChildren();
                }
            }
            expectEndObject(p);
        } catch (PageFormatException e) {
            throw e;
        } catch (JsonProcessingException e) {
            // fix 2: errors without a location (exceeded stream read constraints) are page format errors too
            throw new PageFormatException("malformed page body: " + e.getOriginalMessage() + " at byte "
                    + (e.getLocation() == null ? "?" : e.getLocation().getByteOffset()), e);
        } catch (IOException e) {
            throw new PageFormatException("unreadable page body: " + e.getMessage(), e);
        } finally {
            stashScratch.clear();
            itemScratch.clear();
        }
        if (page.nextChangeId == null) {
            throw new PageFormatException("malformed page body: no next_change_id");
        }
        return page;
    }

    // fix 1: a container value of these fields is skipped (the original left it unread, so its
    // contents were read as fields of the enclosing object).

    private static String textOrSkip(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        p.skipChildren();
        return null;
    }

    private static boolean trueOrSkip(JsonParser p, JsonToken t) throws IOException {
        p.skipChildren();
        return t == JsonToken.VALUE_TRUE;
    }

    private static int skip(JsonParser p, int value) throws IOException {
        p.skipChildren();
        return value;
    }

    private static void expectEndObject(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.END_OBJECT) {
            throw new PageFormatException("malformed page body: expected a field name at byte "
                    + p.currentLocation().getByteOffset());
        }
    }

    private void parseStashes(JsonParser p, RiverPage page) throws IOException {
        stashScratch.clear();
        int items = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.START_OBJECT) {
                p.skipChildren();
                continue;
            }
            StashSnapshot s = parseStash(p);
            items += s.items.length;
            stashScratch.add(s);
        }
        page.stashes = stashScratch.toArray(new StashSnapshot[0]);
        page.itemCount = items;
    }

    private StashSnapshot parseStash(JsonParser p) throws IOException {
        StashSnapshot s = new StashSnapshot();
        String field;
        while ((field = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            switch (field) {
                case "id" -> s.stashId = textOrSkip(p, t); // fix 1
                case "public" -> s.isPublic = trueOrSkip(p, t); // fix 1
                case "accountName" -> s.accountName = cachedString(p, t);
                case "stash" -> s.stashName = cachedString(p, t);
                case "stashType" -> s.stashType = cachedString(p, t);
                case "league" -> s.league = cachedString(p, t);
                case "items" -> {
                    if (t == JsonToken.START_ARRAY) {
                        s.items = parseItems(p);
                    } else {
                        p.skipChildren();
                    }
                }
                default -> p.skipChildren();
            }
        }
        expectEndObject(p);
        return s;
    }

    private Item[] parseItems(JsonParser p) throws IOException {
        itemScratch.clear();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.START_OBJECT) {
                p.skipChildren();
                continue;
            }
            itemScratch.add(parseItem(p));
        }
        return itemScratch.isEmpty() ? new Item[0] : itemScratch.toArray(new Item[0]);
    }

    private Item parseItem(JsonParser p) throws IOException {
        Item item = new Item();
        String field;
        while ((field = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            switch (field) {
                case "id" -> item.id = textOrSkip(p, t); // fix 1
                case "name" -> item.name = markupFreeString(p, t);
                case "typeLine" -> item.typeLine = markupFreeString(p, t);
                case "baseType" -> item.baseType = markupFreeString(p, t);
                case "frameType" -> item.frameType = intValue(p, t);
                case "note" -> item.note = cachedString(p, t);
                case "stackSize" -> item.stackSize = intValue(p, t);
                case "ilvl", "itemLevel" -> item.ilvl = intValue(p, t);
                case "identified" -> item.identified = trueOrSkip(p, t); // fix 1
                case "corrupted" -> item.corrupted = trueOrSkip(p, t); // fix 1
                case "sockets" -> parseSockets(p, t, item);
                case "properties" -> parseProperties(p, t, item);
                default -> p.skipChildren();
            }
        }
        expectEndObject(p);
        if (item.name == null) {
            item.name = "";
        }
        if (item.frameType == ItemKeys.FRAME_GEM) {
            item.gemAltQuality = ItemKeys.altQualityOf(item.typeLine);
        } else {
            item.gemLevel = 0;
            item.gemQuality = 0;
        }
        return item;
    }

    /** Sockets and links: the largest group of sockets sharing {@code group}. */
    private void parseSockets(JsonParser p, JsonToken t, Item item) throws IOException {
        if (t != JsonToken.START_ARRAY) {
            p.skipChildren();
            return;
        }
        Arrays.fill(groups, 0);
        int count = 0;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.START_OBJECT) {
                p.skipChildren();
                continue;
            }
            count++;
            int group = 0;
            String field;
            while ((field = p.nextFieldName()) != null) {
                JsonToken v = p.nextToken();
                if ("group".equals(field)) {
                    group = intValue(p, v);
                } else {
                    p.skipChildren();
                }
            }
            if (group >= 0 && group < MAX_SOCKET_GROUPS) {
                groups[group]++;
            }
        }
        int links = 0;
        for (int g : groups) {
            links = Math.max(links, g);
        }
        item.sockets = count;
        item.links = links;
    }

    /**
     * Gem level (type 5, "Level": {@code "20"}, {@code "21 (Max)"}), quality (type 6, "Quality":
     * {@code "+20%"}) and map tier ("Map Tier"). The type is preferred; the name is used when an
     * entry has no type.
     */
    private void parseProperties(JsonParser p, JsonToken t, Item item) throws IOException {
        if (t != JsonToken.START_ARRAY) {
            p.skipChildren();
            return;
        }
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.START_OBJECT) {
                p.skipChildren();
                continue;
            }
            int named = PROP_OTHER;
            int type = -1;
            int value = -1;
            String field;
            while ((field = p.nextFieldName()) != null) {
                JsonToken v = p.nextToken();
                switch (field) {
                    case "name" -> named = v == JsonToken.VALUE_STRING ? classifyProperty(p) : skip(p, PROP_OTHER); // fix 1
                    case "type" -> type = intValue(p, v);
                    case "values" -> value = firstValue(p, v);
                    default -> p.skipChildren();
                }
            }
            if (value < 0) {
                continue;
            }
            if (type == 5 || (type < 0 && named == PROP_LEVEL)) {
                item.gemLevel = value;
            } else if (type == 6 || (type < 0 && named == PROP_QUALITY)) {
                item.gemQuality = value;
            } else if (named == PROP_MAP_TIER) {
                item.mapTier = value;
            }
        }
    }

    private static int classifyProperty(JsonParser p) throws IOException {
        char[] buf = p.getTextCharacters();
        int off = p.getTextOffset();
        int len = p.getTextLength();
        if (equals(buf, off, len, "Level")) {
            return PROP_LEVEL;
        }
        if (equals(buf, off, len, "Quality")) {
            return PROP_QUALITY;
        }
        if (equals(buf, off, len, "Map Tier")) {
            return PROP_MAP_TIER;
        }
        return PROP_OTHER;
    }

    private static boolean equals(char[] buf, int off, int len, String s) {
        if (len != s.length()) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (buf[off + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The leading whole number of the first value of {@code [["+20%", 1], ...]}, or -1. */
    private static int firstValue(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.START_ARRAY) {
            p.skipChildren();
            return -1;
        }
        int value = -1;
        t = p.nextToken();
        if (t == JsonToken.START_ARRAY) {
            JsonToken v = p.nextToken();
            if (v == JsonToken.VALUE_STRING) {
                value = leadingInt(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
            } else if (v == JsonToken.VALUE_NUMBER_INT) {
                value = p.getIntValue();
            }
            if (v != JsonToken.END_ARRAY) {
                p.skipChildren();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    p.skipChildren();
                }
            }
            t = p.nextToken();
        }
        while (t != JsonToken.END_ARRAY) {
            p.skipChildren();
            t = p.nextToken();
        }
        return value;
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

    private static int intValue(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NUMBER_INT) {
            return p.getIntValue();
        }
        if (t == JsonToken.VALUE_STRING) {
            return Math.max(0, leadingInt(p.getTextCharacters(), p.getTextOffset(), p.getTextLength()));
        }
        p.skipChildren();
        return 0;
    }

    private String cachedString(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.VALUE_STRING) {
            p.skipChildren();
            return null;
        }
        return strings.get(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
    }

    /** A name or type line without the {@code <<set:MS>><<set:M>><<set:S>>} prefix markup. */
    private String markupFreeString(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.VALUE_STRING) {
            p.skipChildren();
            return null;
        }
        char[] buf = p.getTextCharacters();
        int off = p.getTextOffset();
        int end = off + p.getTextLength();
        while (end - off >= 4 && buf[off] == '<' && buf[off + 1] == '<') {
            int close = -1;
            for (int i = off + 2; i + 1 < end; i++) {
                if (buf[i] == '>' && buf[i + 1] == '>') {
                    close = i;
                    break;
                }
            }
            if (close < 0) {
                break;
            }
            off = close + 2;
        }
        return strings.get(buf, off, end - off);
    }
}
