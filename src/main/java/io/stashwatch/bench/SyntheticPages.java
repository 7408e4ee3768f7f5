package io.stashwatch.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A deterministic river of realistic {@code /public-stash-tabs} pages for benchmarks and tests
 * of the parser and the delta operator: a pool of stashes whose full snapshots change from page
 * to page (items listed, sold, repriced; tabs going private), with items shaped like the real API's
 * (icons, sockets, properties, requirements, mods as strings and as {@code {description, flags}}
 * objects, flavour text, socketed gems, extended data) and notes in the real variety.
 *
 * <p>Not the simulator's market (which models prices and anomalies); this only has to look and
 * weigh like the river. Same seed, same pages.
 */
public final class SyntheticPages {

    private static final JsonFactory JSON = new JsonFactory();
    private static final String[] LEAGUES = {"Mercenaries", "Mercenaries", "Mercenaries", "Mercenaries",
        "Hardcore Mercenaries", "Standard", "Standard", "Hardcore"};
    private static final String[] STASH_TYPES = {"PremiumStash", "QuadStash", "CurrencyStash",
        "DivinationCardStash", "MapStash", "FragmentStash", "EssenceStash"};
    private static final String[] TAB_NAMES = {"Shop", "$", "sale", "1", "2", "Dump", "~price 1 chaos",
        "~b/o 5 chaos", "~price 1 divine", "trade", "~c/o", "gems", "maps"};

    private static final String[][] UNIQUES = {
        {"Kaom's Heart", "Glorious Plate", "armour", "chest", "2", "3"},
        {"Tabula Rasa", "Simple Robe", "armour", "chest", "2", "3"},
        {"Shavronne's Wrappings", "Occultist's Vestment", "armour", "chest", "2", "3"},
        {"Inpulsa's Broken Heart", "Sadist Garb", "armour", "chest", "2", "3"},
        {"Aegis Aurora", "Champion Kite Shield", "armour", "shield", "2", "3"},
        {"Sentari's Answer", "Brass Spirit Shield", "armour", "shield", "2", "2"},
        {"Geofri's Crest", "Great Crown", "armour", "helmet", "2", "2"},
        {"Goldrim", "Leather Cap", "armour", "helmet", "2", "2"},
        {"Wanderlust", "Wool Shoes", "armour", "boots", "2", "2"},
        {"Lifesprig", "Driftwood Wand", "weapons", "wand", "1", "3"},
        {"Headhunter", "Leather Belt", "accessories", "belt", "2", "1"},
        {"Mageblood", "Heavy Belt", "accessories", "belt", "2", "1"},
        {"Doryani's Invitation", "Heavy Belt", "accessories", "belt", "2", "1"},
        {"Ashes of the Stars", "Onyx Amulet", "accessories", "amulet", "1", "1"},
        {"Ventor's Gamble", "Gold Ring", "accessories", "ring", "1", "1"},
        {"Thread of Hope", "Crimson Jewel", "jewels", "jewel", "1", "1"},
        {"Watcher's Eye", "Prismatic Jewel", "jewels", "jewel", "1", "1"},
        {"Bottled Faith", "Sulphur Flask", "flasks", "flask", "1", "2"},
    };
    private static final String[][] RARE_BASES = {
        {"Hubris Circlet", "armour", "helmet", "2", "2"}, {"Vaal Regalia", "armour", "chest", "2", "3"},
        {"Two-Toned Boots", "armour", "boots", "2", "2"}, {"Stygian Vise", "accessories", "belt", "2", "1"},
        {"Opal Ring", "accessories", "ring", "1", "1"}, {"Crimson Jewel", "jewels", "jewel", "1", "1"},
        {"Titanium Spirit Shield", "armour", "shield", "2", "3"}, {"Jewelled Foil", "weapons", "onesword", "1", "4"},
        {"Spine Bow", "weapons", "bow", "2", "4"}, {"Astral Plate", "armour", "chest", "2", "3"},
        {"Sorcerer Boots", "armour", "boots", "2", "2"}, {"Fingerless Silk Gloves", "armour", "gloves", "2", "2"},
    };
    private static final String[] RARE_PREFIX = {"Doom", "Havoc", "Rune", "Storm", "Brood", "Corpse", "Dusk"};
    private static final String[] RARE_SUFFIX = {"Visor", "Shell", "Coil", "Spiral", "Stride", "Grip", "Knot"};
    private static final String[] GEMS = {"Vaal Grace", "Arc", "Cyclone", "Empower Support", "Enlighten Support",
        "Enhance Support", "Righteous Fire", "Spectral Helix", "Cleave of Rage", "Vaal Haste", "Raise Spectre",
        "Anomalous Arc", "Divergent Cyclone"};
    private static final String[] CURRENCY = {"Chaos Orb", "Divine Orb", "Exalted Orb", "Orb of Alchemy",
        "Orb of Fusing", "Chromatic Orb", "Jeweller's Orb", "Orb of Alteration", "Cartographer's Chisel",
        "Gemcutter's Prism", "Vaal Orb", "Orb of Scouring", "Regal Orb", "Orb of Annulment", "Mirror of Kalandra"};
    private static final String[] CARDS = {"The Doctor", "The Apothecary", "House of Mirrors", "The Nurse",
        "Rain of Chaos", "The Wretched", "Humility", "Abandoned Wealth", "The Fiend", "Emperor's Luck"};
    private static final String[] MAPS = {"Crimson Temple Map", "Tower Map", "Strand Map", "Dunes Map",
        "Cemetery Map", "Burial Chambers Map", "Defiled Cathedral Map", "Jungle Valley Map"};
    private static final String[] FRAGMENTS = {"Winged Ambush Scarab", "Polished Cartography Scarab",
        "Divine Vessel", "Sacrifice at Midnight", "Mortal Hope", "Fragment of the Chimera"};
    private static final String[] MODS = {
        "+94 to maximum Life", "+42% to Fire Resistance", "+38% to Cold Resistance", "+41% to Lightning Resistance",
        "+13% to Chaos Resistance", "28% increased Lightning Damage", "+348 to Armour",
        "0.2% of Lightning Damage Leeched as Life", "10% chance to Shock during any Flask Effect",
        "Adds 5 to 15 Physical Damage to Attacks", "25% increased Flask Life Recovery rate",
        "+1 to Level of Socketed Gems", "74% increased Armour and Energy Shield", "+30 to Strength",
        "+20 to Intelligence", "5% increased Quantity of Items found", "+5% Chance to Block",
        "Curse Enemies with Punishment when you Block their Melee Damage, with 60% increased Effect",
        "30% increased Movement Speed", "+2 to Level of all Minion Skill Gems", "12% increased Cast Speed",
        "Gain 10% of Physical Damage as Extra Chaos Damage", "+1 to Maximum Power Charges",
        "Regenerate 1.5% of Life per second", "20% increased Attack Speed", "+35 to Dexterity",
        "Socketed Gems are Supported by Level 20 Elemental Damage with Attacks", "60% increased Critical Strike Chance",
    };
    private static final String[] FLAVOUR = {"The toughest armour is the trust of your people.",
        "\"You can invite them but you can never be \r", "sure who will come knocking.\"\r",
        "- Doryani, Queen's Thaumaturgist", "Open your eyes and you will see the cracks in your enemy's walls."};
    private static final String[] COLOURS = {"R", "G", "B", "W"};

    private final SplittableRandom rnd;
    private final List<StashModel> pool = new ArrayList<>();
    private final int stashesPerPage;
    private long nextItemSerial;
    private long pageNo;

    /**
     * @param seed all pages follow from it
     * @param stashPool distinct stashes; each page shows {@code stashesPerPage} of them, so a stash
     *     reappears about every {@code stashPool / stashesPerPage} pages
     * @param stashesPerPage stash entries per page (the live river has 250+, 500–600 at league start)
     */
    public SyntheticPages(long seed, int stashPool, int stashesPerPage) {
        this.rnd = new SplittableRandom(seed);
        this.stashesPerPage = stashesPerPage;
        for (int i = 0; i < stashPool; i++) {
            pool.add(newStash(i));
        }
    }

    /** Change id of page {@code n}: five dash-separated numbers like the live river's. */
    public static String changeId(long n) {
        return (2_400_000_000L + n * 7) + "-" + (2_500_000_000L + n * 11) + "-" + (2_300_000_000L + n * 5) + "-"
                + (2_600_000_000L + n * 13) + "-" + (2_450_000_000L + n * 3);
    }

    /** Index of the next page {@link #nextPage()} returns. */
    public long pageNumber() {
        return pageNo;
    }

    /** The next page's JSON body; its {@code next_change_id} is {@code changeId(pageNumber + 1)}. */
    public byte[] nextPage() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4 << 20);
        try (JsonGenerator g = JSON.createGenerator(bytes)) {
            g.writeStartObject();
            g.writeStringField("next_change_id", changeId(pageNo + 1));
            g.writeArrayFieldStart("stashes");
            for (int i = 0; i < stashesPerPage; i++) {
                StashModel s = pool.get(rnd.nextInt(pool.size()));
                evolve(s);
                writeStash(g, s);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pageNo++;
        return bytes.toByteArray();
    }

    // ------------------------------------------------------------------ the market model

    private static final class StashModel {
        String id;
        String account;
        String character;
        String name;
        String type;
        String league;
        boolean isPublic = true;
        final List<ItemModel> items = new ArrayList<>();
    }

    private static final class ItemModel {
        String id;
        int kind; // 0 unique, 1 rare, 2 gem, 3 currency, 4 card, 5 map, 6 fragment, 7 magic
        int template;
        String note;
        int stack;
        int links;
        int sockets;
        int level;
        int quality;
        int tier;
        boolean corrupted;
        boolean identified = true;
        int ilvl;
        int[] mods;
        boolean objectMods;
        String rareName;
    }

    private StashModel newStash(int n) {
        StashModel s = new StashModel();
        s.id = hex64();
        s.account = "Exile" + (n % 7919) + (n % 3 == 0 ? "_tr" : "");
        s.character = "Char" + n;
        s.name = TAB_NAMES[rnd.nextInt(TAB_NAMES.length)];
        s.type = STASH_TYPES[rnd.nextInt(STASH_TYPES.length)];
        s.league = LEAGUES[rnd.nextInt(LEAGUES.length)];
        int count = itemCount();
        for (int i = 0; i < count; i++) {
            s.items.add(newItem());
        }
        return s;
    }

    /** Skewed: many small tabs, some big ones. */
    private int itemCount() {
        double u = rnd.nextDouble();
        if (u < 0.05) {
            return 0;
        }
        if (u < 0.85) {
            return 1 + rnd.nextInt(16);
        }
        return 16 + rnd.nextInt(80);
    }

    private void evolve(StashModel s) {
        double u = rnd.nextDouble();
        if (!s.isPublic) {
            if (u < 0.5) {
                s.isPublic = true;
            }
            return;
        }
        if (u < 0.03) {
            s.isPublic = false; // went private
            return;
        }
        if (u < 0.05) {
            s.items.clear(); // emptied
        }
        int changes = 1 + rnd.nextInt(3);
        for (int c = 0; c < changes; c++) {
            double v = rnd.nextDouble();
            if (v < 0.35 || s.items.isEmpty()) {
                s.items.add(newItem());
            } else if (v < 0.65) {
                s.items.remove(rnd.nextInt(s.items.size())); // sold or moved
            } else if (v < 0.9) {
                ItemModel it = s.items.get(rnd.nextInt(s.items.size()));
                it.note = note(it.kind); // repriced (or unpriced)
            } else if (s.items.size() > 1) {
                // an item moves within the tab: same content, another position
                s.items.add(s.items.remove(0));
            }
        }
    }

    private ItemModel newItem() {
        ItemModel it = new ItemModel();
        it.id = hex64();
        double u = rnd.nextDouble();
        it.kind = u < 0.18 ? 0 : u < 0.36 ? 1 : u < 0.50 ? 2 : u < 0.68 ? 3 : u < 0.78 ? 4 : u < 0.88 ? 5 : u < 0.95 ? 6 : 7;
        it.ilvl = 60 + rnd.nextInt(27);
        it.corrupted = rnd.nextInt(8) == 0;
        switch (it.kind) {
            case 0 -> {
                it.template = rnd.nextInt(UNIQUES.length);
                it.sockets = sockets(UNIQUES[it.template]);
                it.links = it.sockets == 0 ? 0 : Math.max(1, it.sockets - rnd.nextInt(it.sockets));
                it.mods = mods(4 + rnd.nextInt(4));
                it.identified = rnd.nextInt(20) != 0;
            }
            case 1, 7 -> {
                it.template = rnd.nextInt(RARE_BASES.length);
                it.sockets = sockets(RARE_BASES[it.template]);
                it.links = it.sockets == 0 ? 0 : Math.max(1, it.sockets - rnd.nextInt(it.sockets));
                it.mods = mods(it.kind == 1 ? 4 + rnd.nextInt(3) : 1 + rnd.nextInt(2));
                it.rareName = RARE_PREFIX[rnd.nextInt(RARE_PREFIX.length)] + " "
                        + RARE_SUFFIX[rnd.nextInt(RARE_SUFFIX.length)];
            }
            case 2 -> {
                it.template = rnd.nextInt(GEMS.length);
                it.level = 1 + rnd.nextInt(21);
                it.quality = rnd.nextInt(4) == 0 ? 0 : 1 + rnd.nextInt(23);
                it.mods = mods(2);
            }
            case 3 -> {
                it.template = Math.min(CURRENCY.length - 1, (int) (rnd.nextDouble() * rnd.nextDouble() * CURRENCY.length));
                it.stack = 1 + rnd.nextInt(40);
            }
            case 4 -> {
                it.template = rnd.nextInt(CARDS.length);
                it.stack = 1 + rnd.nextInt(8);
            }
            case 5 -> {
                it.template = rnd.nextInt(MAPS.length);
                it.tier = 1 + rnd.nextInt(16);
                it.mods = mods(rnd.nextInt(7));
            }
            default -> {
                it.template = rnd.nextInt(FRAGMENTS.length);
                it.stack = 1 + rnd.nextInt(20);
            }
        }
        it.objectMods = rnd.nextInt(3) == 0;
        it.note = note(it.kind);
        return it;
    }

    private int sockets(String[] template) {
        String sub = template[template.length - 3];
        if (sub.equals("chest") || sub.equals("bow") || sub.equals("twosword")) {
            return rnd.nextInt(7);
        }
        if (sub.equals("belt") || sub.equals("ring") || sub.equals("amulet") || sub.equals("jewel")
                || sub.equals("flask")) {
            return 0;
        }
        return rnd.nextInt(5);
    }

    private int[] mods(int n) {
        int[] m = new int[n];
        for (int i = 0; i < n; i++) {
            m[i] = rnd.nextInt(MODS.length);
        }
        return m;
    }

    /** A note in the real mix: mostly prices, some offers, free text and nothing. */
    private String note(int kind) {
        double u = rnd.nextDouble();
        if (u < 0.25) {
            return null; // priced by the tab name, or not at all
        }
        if (u < 0.30) {
            return "~c/o " + (1 + rnd.nextInt(50)) + " chaos";
        }
        if (u < 0.32) {
            return rnd.nextBoolean() ? "~skip" : "pm me";
        }
        String kw = rnd.nextBoolean() ? "~price " : "~b/o ";
        double v = rnd.nextDouble();
        if (v < 0.55) {
            return kw + (1 + rnd.nextInt(kind == 3 ? 5 : 300)) + (rnd.nextInt(4) == 0 ? " c" : " chaos");
        }
        if (v < 0.75) {
            return kw + (1 + rnd.nextInt(9)) + "." + rnd.nextInt(10) + (rnd.nextBoolean() ? " divine" : " div");
        }
        if (v < 0.85) {
            return kw + (1 + rnd.nextInt(20)) + "/" + (1 + rnd.nextInt(10)) + " divine";
        }
        if (v < 0.95) {
            return kw + (1 + rnd.nextInt(3)) + " exa";
        }
        String[] other = {"alch", "fuse", "chrom", "jew", "alt", "chisel", "gcp", "vaal", "scour", "regal", "mirror"};
        return kw + (1 + rnd.nextInt(100)) + " " + other[rnd.nextInt(other.length)];
    }

    private String hex64() {
        StringBuilder sb = new StringBuilder(64);
        for (int i = 0; i < 4; i++) {
            String h = Long.toHexString(rnd.nextLong() ^ nextItemSerial++ * 0x9E3779B97F4A7C15L);
            for (int k = h.length(); k < 16; k++) {
                sb.append('0');
            }
            sb.append(h);
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ JSON in the API's shape

    private void writeStash(JsonGenerator g, StashModel s) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", s.id);
        g.writeBooleanField("public", s.isPublic);
        if (!s.isPublic) {
            g.writeNullField("accountName");
            g.writeNullField("lastCharacterName");
            g.writeNullField("stash");
            g.writeStringField("stashType", s.type);
            g.writeNullField("league");
            g.writeArrayFieldStart("items");
            g.writeEndArray();
            g.writeEndObject();
            return;
        }
        g.writeStringField("accountName", s.account);
        g.writeStringField("lastCharacterName", s.character);
        g.writeStringField("stash", s.name);
        g.writeStringField("stashType", s.type);
        g.writeStringField("league", s.league);
        g.writeArrayFieldStart("items");
        int x = 0;
        for (ItemModel it : s.items) {
            writeItem(g, it, s.league, x++);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private void writeItem(JsonGenerator g, ItemModel it, String league, int pos) throws IOException {
        String name = "";
        String typeLine;
        String base;
        String category;
        String sub;
        int frame;
        int w = 1;
        int h = 1;
        switch (it.kind) {
            case 0 -> {
                String[] t = UNIQUES[it.template];
                name = it.identified ? "<<set:MS>><<set:M>><<set:S>>" + t[0] : "";
                typeLine = t[1];
                base = t[1];
                category = t[2];
                sub = t[3];
                w = Integer.parseInt(t[4]);
                h = Integer.parseInt(t[5]);
                frame = 3;
            }
            case 1, 7 -> {
                String[] t = RARE_BASES[it.template];
                name = it.kind == 1 ? it.rareName : "";
                typeLine = it.kind == 1 ? t[0] : "Seething " + t[0] + " of the Whelpling";
                base = t[0];
                category = t[1];
                sub = t[2];
                w = Integer.parseInt(t[3]);
                h = Integer.parseInt(t[4]);
                frame = it.kind == 1 ? 2 : 1;
            }
            case 2 -> {
                typeLine = GEMS[it.template];
                base = typeLine.startsWith("Anomalous ") || typeLine.startsWith("Divergent ")
                        ? typeLine.substring(typeLine.indexOf(' ') + 1) : typeLine;
                category = "gems";
                sub = typeLine.endsWith("Support") ? "supportgem" : "activegem";
                frame = 4;
            }
            case 3 -> {
                typeLine = CURRENCY[it.template];
                base = typeLine;
                category = "currency";
                sub = null;
                frame = 5;
            }
            case 4 -> {
                typeLine = CARDS[it.template];
                base = typeLine;
                category = "cards";
                sub = null;
                frame = 6;
            }
            case 5 -> {
                typeLine = (it.template % 5 == 0 ? "Blighted " : "") + MAPS[it.template];
                base = MAPS[it.template];
                category = "maps";
                sub = null;
                frame = it.mods.length == 0 ? 0 : it.mods.length < 3 ? 1 : 2;
            }
            default -> {
                typeLine = FRAGMENTS[it.template];
                base = typeLine;
                category = "fragments";
                sub = typeLine.contains("Scarab") ? "scarab" : null;
                frame = 0;
            }
        }
        g.writeStartObject();
        g.writeBooleanField("verified", false);
        g.writeNumberField("w", w);
        g.writeNumberField("h", h);
        g.writeStringField("icon", "https://web.poecdn.com/gen/image/WzI1LDE0LHsiZiI6IjJESXRlbXMv"
                + Integer.toHexString(typeLine.hashCode()) + "IiwidyI6MiwiaCI6Mywic2NhbGUiOjF9XQ/"
                + Integer.toHexString(base.hashCode() & 0xfffffff) + "/" + base.replace(" ", "") + ".png");
        if (it.stack > 0) {
            g.writeNumberField("stackSize", it.stack);
            g.writeNumberField("maxStackSize", it.kind == 4 ? 10 : 40);
        }
        g.writeStringField("league", league);
        g.writeStringField("id", it.id);
        if (it.sockets > 0) {
            g.writeArrayFieldStart("sockets");
            int linked = it.links;
            for (int i = 0; i < it.sockets; i++) {
                g.writeStartObject();
                g.writeNumberField("group", i < linked ? 0 : i - linked + 1);
                g.writeStringField("attr", "S");
                g.writeStringField("sColour", COLOURS[(i + pos) % COLOURS.length]);
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeStringField("name", name);
        g.writeStringField("typeLine", typeLine);
        g.writeStringField("baseType", base);
        g.writeBooleanField("identified", it.identified);
        g.writeNumberField("ilvl", it.kind == 2 || it.kind == 3 || it.kind == 4 ? 0 : it.ilvl);
        if (it.note != null) {
            g.writeStringField("note", it.note);
        }
        if (it.corrupted && (it.kind == 0 || it.kind == 1 || it.kind == 2 || it.kind == 5)) {
            g.writeBooleanField("corrupted", true);
        }
        writeProperties(g, it, frame);
        writeRequirements(g, it);
        if (it.mods != null && it.mods.length > 0) {
            if (it.kind == 0 || it.kind == 1) {
                writeMods(g, "implicitMods", new int[] {it.mods[0]}, it.objectMods);
            }
            writeMods(g, "explicitMods", it.mods, it.objectMods);
        }
        if (it.kind == 0) {
            g.writeArrayFieldStart("flavourText");
            g.writeString(FLAVOUR[it.template % FLAVOUR.length]);
            g.writeString(FLAVOUR[(it.template + 1) % FLAVOUR.length]);
            g.writeEndArray();
        }
        if (it.kind == 2 || it.kind == 3 || it.kind == 6) {
            g.writeStringField("descrText", it.kind == 2
                    ? "Place into an item socket of the right colour to gain this skill. Right click to remove from a socket."
                    : "Right click this item then left click on a stack to split it. Shift click to move it.");
        }
        if (it.kind == 4) {
            g.writeArrayFieldStart("explicitMods");
            g.writeString("<uniqueitem>{Kaom's Heart}\r\n<default>{Item Level:} <normal>{75}");
            g.writeEndArray();
            g.writeArrayFieldStart("flavourText");
            g.writeString("<size:26>{A single drop of a hundred tears.}");
            g.writeEndArray();
        }
        g.writeNumberField("frameType", frame);
        g.writeObjectFieldStart("extended");
        g.writeStringField("category", category);
        if (sub != null) {
            g.writeArrayFieldStart("subcategories");
            g.writeString(sub);
            g.writeEndArray();
        }
        if (it.kind == 1) {
            g.writeNumberField("prefixes", 3);
            g.writeNumberField("suffixes", 3);
        }
        g.writeEndObject();
        g.writeNumberField("x", pos % 12);
        g.writeNumberField("y", pos / 12);
        g.writeStringField("inventoryId", "Stash" + (pos + 1));
        if (it.sockets > 0) {
            g.writeArrayFieldStart("socketedItems");
            if (it.kind == 0 && it.sockets >= 5) {
                g.writeStartObject();
                g.writeStringField("id", hex64());
                g.writeStringField("typeLine", "Empower Support");
                g.writeNumberField("frameType", 4);
                g.writeArrayFieldStart("properties");
                property(g, "Level", "3", 0, 5);
                g.writeEndArray();
                g.writeNumberField("socket", 0);
                g.writeStringField("colour", "S");
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private void writeProperties(JsonGenerator g, ItemModel it, int frame) throws IOException {
        g.writeArrayFieldStart("properties");
        switch (it.kind) {
            case 2 -> {
                g.writeStartObject();
                g.writeStringField("name", "Aura, Spell, AoE, Duration");
                g.writeArrayFieldStart("values");
                g.writeEndArray();
                g.writeNumberField("displayMode", 0);
                g.writeEndObject();
                property(g, "Level", it.level >= 20 ? it.level + " (Max)" : Integer.toString(it.level), 0, 5);
                if (it.quality > 0) {
                    property(g, "Quality", "+" + it.quality + "%", 1, 6);
                }
                property(g, "Cost", "12 Mana", 0, 0);
                property(g, "Cooldown Time", "0.50 sec", 0, 0);
            }
            case 3, 4, 6 -> property(g, "Stack Size", it.stack + "/" + (it.kind == 4 ? 10 : 40), 0, 32);
            case 5 -> {
                property(g, "Map Tier", Integer.toString(it.tier), 0, 1);
                if (frame > 0) {
                    property(g, "Item Quantity", "+" + (10 * it.mods.length) + "%", 1, 2);
                    property(g, "Item Rarity", "+" + (6 * it.mods.length) + "%", 1, 3);
                }
            }
            default -> {
                property(g, "Quality", "+" + (rnd.nextInt(21)) + "%", 1, 6);
                property(g, "Armour", Integer.toString(200 + rnd.nextInt(900)), 1, 16);
                property(g, "Energy Shield", Integer.toString(20 + rnd.nextInt(200)), 1, 18);
            }
        }
        g.writeEndArray();
    }

    private void writeRequirements(JsonGenerator g, ItemModel it) throws IOException {
        if (it.kind == 3 || it.kind == 4 || it.kind == 6 || it.kind == 5) {
            return;
        }
        g.writeArrayFieldStart("requirements");
        property(g, "Level", Integer.toString(it.kind == 2 ? it.level * 3 + 10 : it.ilvl - 10), 0, 62);
        property(g, "Int", Integer.toString(50 + it.ilvl), 1, 65);
        g.writeEndArray();
    }

    private static void property(JsonGenerator g, String name, String value, int mode, int type) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", name);
        g.writeArrayFieldStart("values");
        g.writeStartArray();
        g.writeString(value);
        g.writeNumber(mode);
        g.writeEndArray();
        g.writeEndArray();
        g.writeNumberField("displayMode", 0);
        if (type > 0) {
            g.writeNumberField("type", type);
        }
        g.writeEndObject();
    }

    private static void writeMods(JsonGenerator g, String field, int[] mods, boolean objects) throws IOException {
        g.writeArrayFieldStart(field);
        for (int m : mods) {
            if (objects) {
                g.writeStartObject();
                g.writeStringField("description", MODS[m]);
                g.writeNumberField("flags", m % 3);
                g.writeEndObject();
            } else {
                g.writeString(MODS[m]);
            }
        }
        g.writeEndArray();
    }
}
