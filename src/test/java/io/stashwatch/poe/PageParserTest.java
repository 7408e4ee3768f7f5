package io.stashwatch.poe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stashwatch.market.ItemKeys;
import io.stashwatch.market.StashDiff;
import io.stashwatch.model.EventKind;
import io.stashwatch.model.Item;
import io.stashwatch.model.ListingEvent;
import io.stashwatch.model.RiverPage;
import io.stashwatch.model.StashSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class PageParserTest {

    private final PageParser parser = new PageParser();

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = PageParserTest.class.getResourceAsStream("/samples/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    private static Item item(StashSnapshot s, String name) {
        return Arrays.stream(s.items).filter(i -> i.name.equals(name) || i.typeLine.equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no item " + name));
    }

    @Test
    void realPageWithPrivateStashes() throws Exception {
        byte[] body = resource("public-stash-tabs-private-stashes.json");
        RiverPage page = parser.parse(body);

        assertThat(page.nextChangeId).isEqualTo("3002-5259-4584-5491-1849");
        assertThat(page.bytes).isEqualTo(body.length);
        assertThat(page.stashes).hasSize(9);
        assertThat(page.itemCount).isEqualTo(7);
        assertThat(Arrays.stream(page.stashes).filter(s -> !s.isPublic)).hasSize(8);

        StashSnapshot hidden = page.stashes[0];
        assertThat(hidden.stashId).isEqualTo("281821abf55f812615018e94af059086b6281ee87543b77398b2ff06adbe9b37");
        assertThat(hidden.isPublic).isFalse();
        assertThat(hidden.accountName).isNull();
        assertThat(hidden.stashName).isNull();
        assertThat(hidden.league).isNull();
        assertThat(hidden.stashType).isEqualTo("PremiumStash");
        assertThat(hidden.items).isEmpty();

        StashSnapshot shop = page.stashes[5];
        assertThat(shop.isPublic).isTrue();
        assertThat(shop.accountName).isEqualTo("WKovacs");
        assertThat(shop.stashName).isEqualTo("vendas2");
        assertThat(shop.league).isEqualTo("Standard");
        assertThat(shop.items).hasSize(7);

        Item sentari = item(shop, "Sentari's Answer");
        assertThat(sentari.id).isEqualTo("8a3c2167c51e0e51e987ed3395a90dca63fed50b779f67502565fb50278da8b8");
        assertThat(sentari.baseType).isEqualTo("Brass Spirit Shield");
        assertThat(sentari.frameType).isEqualTo(3);
        assertThat(sentari.ilvl).isEqualTo(82);
        assertThat(sentari.identified).isTrue();
        assertThat(sentari.sockets).isEqualTo(3);
        assertThat(sentari.links).isEqualTo(2);
        assertThat(sentari.note).isNull();

        Item geofri = item(shop, "Geofri's Crest");
        assertThat(geofri.sockets).isEqualTo(2);
        assertThat(geofri.links).isEqualTo(2);
        assertThat(geofri.gemQuality).as("quality of a helmet is not gem quality").isZero();

        Item staff = item(shop, "Superior Judgement Staff");
        assertThat(staff.name).isEmpty();
        assertThat(staff.baseType).isEqualTo("Judgement Staff");
        assertThat(staff.identified).isFalse();
        assertThat(staff.note).isEqualTo("~b/o 4 exa");
        assertThat(staff.sockets).isEqualTo(6);
        assertThat(staff.links).isEqualTo(2);
        assertThat(staff.corrupted).isFalse();

        Item belt = item(shop, "Doryani's Invitation");
        assertThat(belt.sockets).isZero();
        assertThat(belt.links).isZero();
    }

    @Test
    void theRealPageFeedsTheDiff() throws Exception {
        RiverPage page = parser.parse(resource("public-stash-tabs-private-stashes.json"));
        page.realm = "pc";
        page.changeId = "3002-5259-4584-5491-1848";
        page.fillPageFields();
        StashDiff diff = new StashDiff();
        List<ListingEvent> events = new ArrayList<>();
        for (StashSnapshot s : page.stashes) {
            diff.apply(null, s, events::add);
        }
        assertThat(events).hasSize(1);
        ListingEvent e = events.get(0);
        assertThat(e.kind).isEqualTo(EventKind.LISTED);
        assertThat(e.itemKey).isEqualTo("Judgement Staff (unidentified unique)");
        assertThat(e.priceAmount).isEqualTo(4);
        assertThat(e.priceCurrency).isEqualTo("exalted");
        assertThat(e.changeId).isEqualTo("3002-5259-4584-5491-1848");
        assertThat(e.accountName).isEqualTo("WKovacs");
    }

    /** Captured pages in the shared samples folder next to the repository, when there is one. */
    @Test
    void everySharedSamplePageParses() throws Exception {
        Path dir = Stream.of(Path.of("../shared/samples"), Path.of("../../shared/samples"))
                .filter(Files::isDirectory).findFirst().orElse(null);
        Assumptions.assumeTrue(dir != null, "no shared samples folder");
        List<Path> pages;
        try (Stream<Path> files = Files.list(dir)) {
            pages = files.filter(p -> p.getFileName().toString().startsWith("public-stash-tabs")).toList();
        }
        Assumptions.assumeFalse(pages.isEmpty(), "no captured pages");
        for (Path p : pages) {
            RiverPage page = parser.parse(Files.readAllBytes(p));
            assertThat(page.nextChangeId).as(p.toString()).isNotEmpty();
            assertThat(page.stashes).as(p.toString()).isNotEmpty();
        }
    }

    private static final String SYNTHETIC = """
            {"next_change_id": "1-2-3-4-5", "unknownTop": {"a": [1, 2, {"b": null}]},
             "stashes": [
              {"id": "s1", "public": true, "accountName": "Trader", "lastCharacterName": "x",
               "stash": "~price 1 chaos", "stashType": "QuadStash", "league": "Mercenaries", "extra": [[], {}],
               "items": [
                {"verified": false, "w": 2, "h": 3, "icon": "https://web.poecdn.com/x.png", "league": "Mercenaries",
                 "id": "aa00000000000000000000000000000000000000000000000000000000000001",
                 "sockets": [{"group": 0, "attr": "S", "sColour": "R"}, {"group": 0, "attr": "S", "sColour": "R"},
                             {"group": 0, "attr": "D", "sColour": "G"}, {"group": 0, "attr": "I", "sColour": "B"},
                             {"group": 0, "attr": "I", "sColour": "B"}, {"group": 0, "attr": "I", "sColour": "B"}],
                 "name": "<<set:MS>><<set:M>><<set:S>>Kaom's Heart", "typeLine": "Glorious Plate",
                 "baseType": "Glorious Plate", "rarity": "Unique", "identified": true, "itemLevel": 84,
                 "note": "~b/o 3 divine", "corrupted": true,
                 "properties": [{"name": "Armour", "values": [["1100", 1]], "displayMode": 0, "type": 16}],
                 "requirements": [{"name": "Level", "values": [["68", 0]], "displayMode": 0, "type": 62}],
                 "implicitMods": ["plain string mod"],
                 "explicitMods": [{"description": "+500 to maximum Life", "flags": 0},
                                  {"description": "Has no Sockets", "flags": 2, "unknown": {"deep": [1]}}],
                 "craftedMods": [{"description": "x"}], "flavourText": ["a\\r", "b"],
                 "socketedItems": [{"id": "bb00000000000000000000000000000000000000000000000000000000000002",
                                    "typeLine": "Arc", "frameType": 4,
                                    "properties": [{"name": "Level", "values": [["20", 0]], "type": 5}]}],
                 "frameType": 3, "extended": {"category": "armour", "subcategories": ["chest"]}, "x": 0, "y": 0},
                {"id": "cc00000000000000000000000000000000000000000000000000000000000003", "name": "",
                 "typeLine": "Vaal Grace", "baseType": "Vaal Grace", "frameType": 4, "corrupted": true,
                 "support": false, "identified": true, "ilvl": 0,
                 "properties": [{"name": "Aura, Spell, AoE, Vaal", "values": [], "displayMode": 0},
                                {"name": "Level", "values": [["21 (Max)", 0]], "displayMode": 0, "type": 5},
                                {"name": "Quality", "values": [["+20%", 1]], "displayMode": 0, "type": 6}],
                 "additionalProperties": [{"name": "Experience", "values": [["1/1", 0]], "type": 20}],
                 "hybrid": {"isVaalGem": true, "baseTypeName": "Grace",
                            "properties": [{"name": "Level", "values": [["3", 0]], "type": 5}],
                            "explicitMods": [{"description": "y", "flags": 0}]},
                 "explicitMods": ["You and nearby allies gain 20% more Evasion"]},
                {"id": "dd00000000000000000000000000000000000000000000000000000000000004", "name": "",
                 "typeLine": "Anomalous Arc", "baseType": "Arc", "frameType": 4, "identified": true,
                 "properties": [{"name": "Level", "values": [["20", 0]]}, {"name": "Quality", "values": [["+13%", 1]]}]},
                {"id": "ee00000000000000000000000000000000000000000000000000000000000005", "name": "",
                 "typeLine": "Divine Orb", "baseType": "Divine Orb", "frameType": 5, "stackSize": 17,
                 "maxStackSize": 20, "note": "~price 150 chaos",
                 "properties": [{"name": "Stack Size", "values": [["17/20", 0]], "displayMode": 0, "type": 32}]},
                {"id": "ff00000000000000000000000000000000000000000000000000000000000006", "name": "",
                 "typeLine": "Blighted Crimson Temple Map", "baseType": "Crimson Temple Map", "frameType": 0,
                 "properties": [{"name": "Map Tier", "values": [["16", 0]], "displayMode": 0, "type": 1},
                                {"name": "Item Quantity", "values": [["+8%", 1]], "type": 2}]}
               ]},
              {"id": "s2", "public": false, "accountName": null, "lastCharacterName": null, "stash": null,
               "stashType": "PremiumStash", "league": null, "items": []}
             ]}
            """;

    @Test
    void bothModShapesUnknownFieldsAndTheFieldsPricingNeeds() throws Exception {
        byte[] body = SYNTHETIC.getBytes(StandardCharsets.UTF_8);
        RiverPage page = parser.parse(body);
        assertThat(page.nextChangeId).isEqualTo("1-2-3-4-5");
        assertThat(page.stashes).hasSize(2);
        assertThat(page.itemCount).as("socketed gems are not stash items").isEqualTo(5);

        StashSnapshot s = page.stashes[0];
        assertThat(s.stashId).isEqualTo("s1");
        assertThat(s.stashName).isEqualTo("~price 1 chaos");
        assertThat(s.stashType).isEqualTo("QuadStash");
        assertThat(s.league).isEqualTo("Mercenaries");

        Item kaom = s.items[0];
        assertThat(kaom.name).isEqualTo("Kaom's Heart");
        assertThat(kaom.sockets).isEqualTo(6);
        assertThat(kaom.links).isEqualTo(6);
        assertThat(kaom.ilvl).isEqualTo(84);
        assertThat(kaom.corrupted).isTrue();
        assertThat(kaom.note).isEqualTo("~b/o 3 divine");
        assertThat(kaom.gemLevel).isZero();
        assertThat(ItemKeys.key(kaom)).isEqualTo("Kaom's Heart Glorious Plate 6L");

        Item grace = s.items[1];
        assertThat(grace.gemLevel).as("the item's own level, not the hybrid's").isEqualTo(21);
        assertThat(grace.gemQuality).isEqualTo(20);
        assertThat(grace.corrupted).isTrue();
        assertThat(grace.gemAltQuality).isNull();
        assertThat(ItemKeys.key(grace)).isEqualTo("Vaal Grace gem 21/20 corrupted");

        Item arc = s.items[2];
        assertThat(arc.gemLevel).as("untyped properties by name").isEqualTo(20);
        assertThat(arc.gemQuality).isEqualTo(13);
        assertThat(arc.gemAltQuality).isEqualTo("Anomalous");
        assertThat(ItemKeys.key(arc)).isEqualTo("Anomalous Arc gem 20/13");

        Item divines = s.items[3];
        assertThat(divines.stackSize).isEqualTo(17);
        assertThat(ItemKeys.key(divines)).isEqualTo("Divine Orb");

        Item map = s.items[4];
        assertThat(map.mapTier).isEqualTo(16);
        assertThat(ItemKeys.key(map)).isEqualTo("Blighted Crimson Temple Map T16");

        StashSnapshot hidden = page.stashes[1];
        assertThat(hidden.isPublic).isFalse();
        assertThat(hidden.items).isEmpty();
    }

    @Test
    void repeatedStringsAreShared() throws Exception {
        byte[] body = SYNTHETIC.getBytes(StandardCharsets.UTF_8);
        RiverPage a = parser.parse(body);
        RiverPage b = parser.parse(body);
        assertThat(a.stashes[0].league).isSameAs(b.stashes[0].league);
        assertThat(a.stashes[0].items[3].typeLine).isSameAs(b.stashes[0].items[3].typeLine);
        assertThat(a.stashes[0].items[0].id).isEqualTo(b.stashes[0].items[0].id);
    }

    @Test
    void partOfABuffer() throws Exception {
        byte[] json = SYNTHETIC.getBytes(StandardCharsets.UTF_8);
        byte[] padded = new byte[json.length + 20];
        Arrays.fill(padded, (byte) '#');
        System.arraycopy(json, 0, padded, 7, json.length);
        RiverPage page = parser.parse(padded, 7, json.length);
        assertThat(page.itemCount).isEqualTo(5);
        assertThat(page.bytes).isEqualTo(json.length);
    }

    @Test
    void anEmptyHeadPage() throws Exception {
        RiverPage page = parser.parse("{\"next_change_id\":\"9-9-9-9-9\",\"stashes\":[]}".getBytes(StandardCharsets.UTF_8));
        assertThat(page.stashes).isEmpty();
        assertThat(page.itemCount).isZero();
    }

    @Test
    void brokenBodiesNameTheProblem() throws Exception {
        assertThatThrownBy(() -> parser.parse("[1,2]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(PageFormatException.class).hasMessageContaining("expected a JSON object");
        assertThatThrownBy(() -> parser.parse("{\"next_change_id\":\"1\",\"stashes\":[{\"id\":".getBytes(
                StandardCharsets.UTF_8))).isInstanceOf(PageFormatException.class)
                .hasMessageStartingWith("malformed page body").hasMessageContaining("at byte");
        assertThatThrownBy(() -> parser.parse("{\"stashes\":[]}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(PageFormatException.class).hasMessageContaining("no next_change_id");
        // the parser is usable after an error
        assertThat(parser.parse(SYNTHETIC.getBytes(StandardCharsets.UTF_8)).stashes).hasSize(2);
    }

    @Test
    void leadingNumbers() {
        assertThat(PageParser.leadingInt("+20%".toCharArray(), 0, 4)).isEqualTo(20);
        assertThat(PageParser.leadingInt("21 (Max)".toCharArray(), 0, 8)).isEqualTo(21);
        assertThat(PageParser.leadingInt("Max".toCharArray(), 0, 3)).isEqualTo(-1);
        assertThat(PageParser.leadingInt("".toCharArray(), 0, 0)).isEqualTo(-1);
    }
}
