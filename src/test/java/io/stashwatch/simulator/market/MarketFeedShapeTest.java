package io.stashwatch.simulator.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every page of a small river is valid JSON in the shape of the real public stash API. */
class MarketFeedShapeTest {
    private static final Pattern CHANGE_ID = Pattern.compile("\\d+(-\\d+){4}");
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final TestRiver RIVER = TestRiver.of(TestRiver.small(TestRiver.SEED));

    @Test
    void nextChangeIdIsTheFirstFieldAndTheChainIsConsistent() throws Exception {
        MarketFeed feed = RIVER.feed;
        JsonFactory f = new JsonFactory();
        for (int p = 0; p < RIVER.bodies.size(); p++) {
            byte[] body = RIVER.bodies.get(p);
            try (JsonParser jp = f.createParser(body)) {
                assertThat(jp.nextToken()).isEqualTo(JsonToken.START_OBJECT);
                assertThat(jp.nextToken()).isEqualTo(JsonToken.FIELD_NAME);
                assertThat(jp.currentName()).isEqualTo("next_change_id");
                assertThat(jp.nextToken()).isEqualTo(JsonToken.VALUE_STRING);
                String next = jp.getText();
                assertThat(next).matches(CHANGE_ID).isEqualTo(feed.changeId(p + 1));
                assertThat(jp.nextToken()).isEqualTo(JsonToken.FIELD_NAME);
                assertThat(jp.currentName()).isEqualTo("stashes");
            }
            // The id is readable from the first bytes, as fast indexers do.
            String head = new String(body, 0, 64, StandardCharsets.US_ASCII);
            assertThat(head).startsWith("{\"next_change_id\":\"" + feed.changeId(p + 1) + "\"");
            assertThat(feed.indexOf(feed.changeId(p))).hasValue(p);
            assertThat(RIVER.pages.get(p)).hasSize(RIVER.settings.stashesPerPage());
        }
    }

    @Test
    void changeIdsGrowAndUnknownIdsAreRejected() {
        MarketFeed feed = RIVER.feed;
        String prev = null;
        for (long p = 0; p <= feed.pageCount(); p++) {
            String id = feed.changeId(p);
            assertThat(id).matches(CHANGE_ID);
            if (prev != null) {
                String[] a = prev.split("-");
                String[] b = id.split("-");
                for (int j = 0; j < 5; j++) {
                    assertThat(Long.parseLong(b[j])).isGreaterThan(Long.parseLong(a[j]));
                }
            }
            prev = id;
        }
        assertThat(feed.indexOf(feed.changeId(feed.pageCount()))).hasValue(feed.pageCount());
        assertThat(feed.indexOf("")).isEmpty();
        assertThat(feed.indexOf("abc")).isEmpty();
        assertThat(feed.indexOf("1-2-3-4-5")).isEmpty();
        String id = feed.changeId(10);
        assertThat(feed.indexOf(id.substring(0, id.length() - 1) + (id.endsWith("9") ? "8" : "9"))).isEmpty();
        assertThat(new MarketFeed(TestRiver.small(TestRiver.SEED + 1)).indexOf(id)).isEmpty();
        assertThatThrownBy(() -> feed.pageJson(feed.pageCount() + 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> feed.pageJson(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theHeadRepeatsItsIdWithNoStashes() throws Exception {
        MarketFeed feed = RIVER.feed;
        JsonNode head = TestRiver.MAPPER.readTree(feed.pageJson(feed.pageCount()));
        assertThat(head.get("next_change_id").asText()).isEqualTo(feed.changeId(feed.pageCount()));
        assertThat(head.get("stashes")).isEmpty();
    }

    @Test
    void stashEntriesAndItemsHaveTheRealFields() throws Exception {
        int privateEntries = 0;
        int modObjects = 0;
        int modStrings = 0;
        Set<Integer> frames = new HashSet<>();
        boolean gemLevel = false;
        boolean mapTier = false;
        boolean flavour = false;
        boolean stack = false;
        boolean markup = false;
        for (int p = 0; p < 15; p++) {
            List<TestRiver.Entry> parsed = RIVER.pages.get(p);
            int entry = 0;
            JsonNode page = TestRiver.MAPPER.readTree(RIVER.bodies.get(p));
            for (JsonNode s : page.get("stashes")) {
                TestRiver.Entry e = parsed.get(entry++);
                assertThat(e.stashId).isEqualTo(s.get("id").asText());
                assertThat(s.fieldNames()).toIterable().containsExactly("id", "public", "accountName",
                        "lastCharacterName", "stash", "stashType", "league", "items");
                assertThat(s.get("id").asText()).matches(HEX64);
                assertThat(s.get("stashType").isTextual()).isTrue();
                if (!s.get("public").asBoolean()) {
                    privateEntries++;
                    assertThat(s.get("accountName").isNull()).isTrue();
                    assertThat(s.get("lastCharacterName").isNull()).isTrue();
                    assertThat(s.get("stash").isNull()).isTrue();
                    assertThat(s.get("league").isNull()).isTrue();
                    assertThat(s.get("items")).isEmpty();
                    continue;
                }
                assertThat(RIVER.settings.leagues()).contains(s.get("league").asText());
                assertThat(s.get("items").size()).isLessThanOrEqualTo(60);
                int index = 0;
                for (JsonNode it : s.get("items")) {
                    // The streaming reader and the tree agree on the item key.
                    assertThat(e.items.get(index++).key).isEqualTo(TestRiver.key(it));
                    for (String field : List.of("verified", "w", "h", "icon", "league", "id", "name", "typeLine",
                            "baseType", "identified", "ilvl", "frameType", "x", "y", "inventoryId")) {
                        assertThat(it.has(field)).as("%s in %s", field, it).isTrue();
                    }
                    assertThat(it.get("id").asText()).matches(HEX64);
                    assertThat(it.get("league").asText()).isEqualTo(s.get("league").asText());
                    assertThat(it.get("icon").asText()).startsWith("https://web.poecdn.com/");
                    int frame = it.get("frameType").asInt();
                    frames.add(frame);
                    markup |= it.get("name").asText().startsWith("<<set:MS>>");
                    for (String mods : List.of("implicitMods", "explicitMods")) {
                        if (it.has(mods)) {
                            for (JsonNode m : it.get(mods)) {
                                if (m.isObject()) {
                                    assertThat(m.has("description")).isTrue();
                                    assertThat(m.has("flags")).isTrue();
                                    modObjects++;
                                } else {
                                    assertThat(m.isTextual()).isTrue();
                                    modStrings++;
                                }
                            }
                        }
                    }
                    if (frame == 3) {
                        flavour |= it.has("flavourText");
                    }
                    if (frame == 4) {
                        assertThat(TestRiver.gemProperty(it, 5)).isBetween(1, 21);
                        gemLevel = true;
                    }
                    if (frame == 5 || frame == 6) {
                        assertThat(it.get("stackSize").asInt()).isBetween(1, it.get("maxStackSize").asInt());
                        stack = true;
                    }
                    if (it.get("baseType").asText().endsWith(" Map")) {
                        mapTier |= it.get("properties").get(0).get("name").asText().equals("Map Tier");
                    }
                    if (it.has("sockets")) {
                        for (JsonNode sock : it.get("sockets")) {
                            assertThat(sock.fieldNames()).toIterable().containsExactly("group", "attr", "sColour");
                        }
                    }
                }
            }
        }
        assertThat(privateEntries).isPositive();
        assertThat(frames).contains(1, 2, 3, 4, 5, 6);
        assertThat(modObjects).isPositive();
        assertThat(modStrings).isGreaterThan(modObjects);
        assertThat(gemLevel && mapTier && flavour && stack && markup).isTrue();
    }

    @Test
    void pagesHaveRealisticSizes() {
        double perPage = (double) RIVER.bytes / RIVER.bodies.size();
        double perStash = perPage / RIVER.settings.stashesPerPage();
        // 250 stashes of this size make a page of a few MB, like the live river.
        assertThat(perStash * 250).isBetween(1.5e6, 6e6);
        long items = RIVER.pages.stream().flatMap(List::stream).mapToLong(e -> e.items.size()).sum();
        assertThat((double) RIVER.bytes / items).isBetween(500.0, 2000.0);
    }

    @Test
    void leaguesAreTheSettingsLeagues() {
        assertThat(RIVER.feed.leagues()).containsExactly("Settlers", "Hardcore Settlers", "Standard");
    }
}
