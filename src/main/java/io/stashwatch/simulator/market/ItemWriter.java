package io.stashwatch.simulator.market;

import java.nio.charset.StandardCharsets;

/**
 * Writes items in the exact JSON shape of the public stash API. Everything that does not change
 * between two items of the same catalog entry (icon, names, mods of each roll variant, properties)
 * is rendered once into byte fragments; per item only the id, league, sockets, level, note, stack
 * and position are written.
 */
final class ItemWriter {
    private static final byte[] NOTE = b(",\"note\":");
    private static final byte[] CORRUPTED = b(",\"corrupted\":true");
    private static final byte[] SOCKETS = b(",\"sockets\":[");
    private static final byte[] X = b(",\"x\":");
    private static final byte[] Y = b(",\"y\":");
    private static final byte[] SOCKETED_END = b(",\"socketedItems\":[]}");
    private static final byte[] ID_END = b("\"");
    private static final byte[] STACK_PROP_START = b(",\"properties\":[{\"name\":\"Stack Size\",\"values\":[[\"");
    private static final byte[] STACK_PROP_END = b("\",0]],\"displayMode\":0,\"type\":32}]");
    private static final byte[] CARD_HEAD = b("{\"verified\":false,\"w\":1,\"h\":1,\"icon\":"
            + "\"https://web.poecdn.com/image/Art/2DItems/Divination/InventoryIcon.png\",\"stackSize\":");
    private static final byte[] MAP_TIER_START = b(",\"properties\":[{\"name\":\"Map Tier\",\"values\":[[\"");
    private static final byte[] MAP_TIER_END = b("\",0]],\"displayMode\":0,\"type\":1}");
    private static final byte[] MAP_IIQ_START = b(",{\"name\":\"Item Quantity\",\"values\":[[\"+");
    private static final byte[] MAP_IIQ_END = b("%\",1]],\"displayMode\":0,\"type\":2}");
    private static final byte[] MAP_DESCR = b(",\"descrText\":\"Travel to this Map by using it in a personal Map Device."
            + " Maps can only be used once.\",\"frameType\":");
    private static final byte[] GEM_LEVEL_START = b(",\"properties\":[");
    private static final byte[] GEM_LEVEL_MID = b(",{\"name\":\"Level\",\"values\":[[\"");
    private static final byte[] GEM_LEVEL_END = b("\",0]],\"displayMode\":0,\"type\":5}");
    private static final byte[] GEM_QUALITY_START = b(",{\"name\":\"Quality\",\"values\":[[\"+");
    private static final byte[] GEM_QUALITY_END = b("%\",1]],\"displayMode\":0,\"type\":6}");
    private static final byte[] GEM_REQ_START = b("],\"requirements\":[{\"name\":\"Level\",\"values\":[[\"");
    private static final byte[] GEM_REQ_MID = b("\",0]],\"displayMode\":0,\"type\":62},{\"name\":\"");
    private static final byte[] GEM_REQ_MID2 = b("\",\"values\":[[\"");
    private static final byte[] GEM_REQ_END = b("\",0]],\"displayMode\":1,\"type\":");
    private static final byte[] GEM_EXP_START = b("}],\"additionalProperties\":[{\"name\":\"Experience\",\"values\":[[\"");
    private static final byte[] GEM_EXP_END = b("\",0]],\"displayMode\":2,\"progress\":0,\"type\":20}]");
    private static final byte[] GEM_REQ_CLOSE = b("}]");
    private static final byte[] OPEN_LIST = b(",\"explicitMods\":[");
    private static final String[] MAP_PREFIXES = {"Twinned", "Fecund", "Abhorrent", "Chilled", "Burning", "Unstable"};
    private static final String[] MAP_SUFFIXES = {"of Exposure", "of Endurance", "of Bloodlines", "of Frenzy",
        "of Deadliness", "of Congealment"};
    private static final String[] MAP_MODS = {
        "Area is inhabited by Humanoids", "Monsters deal 90% extra Physical Damage as Fire",
        "Players have 40% less Recovery Rate of Life and Energy Shield", "Area has patches of Shocked Ground",
        "Monsters have 60% increased Critical Strike Chance", "+30% Monster Chaos Resistance",
        "Monsters have 100% increased Area of Effect", "Players are Cursed with Temporal Chains",
    };
    private static final String[] GEM_ATTR = {"Str", "Dex", "Int"};
    private static final String MARKUP = "<<set:MS>><<set:M>><<set:S>>";

    private final World w;
    private final Catalog cat;
    private final byte[][] leagueId;
    private final byte[][] sock = new byte[6 * 4][];
    private final byte[][] inventory = new byte[8][];

    private final byte[][] uHead;
    private final byte[][][] uName;
    private final byte[][][][] uBody;
    private final byte[][] uTail;

    private final byte[][] gHead;
    /** [gem][alt 0..3] name fragment. */
    private final byte[][][] gName;
    private final byte[][] gTags;
    private final byte[][] gTail;

    private final byte[][] cMid;
    private final byte[][] cName;
    private final byte[][] cTail;

    private final byte[][] kHead;
    private final byte[][] kMid;
    private final byte[][] kName;
    private final byte[][] kTail;

    private final byte[][] mHead;
    private final byte[][] mMods;

    private final byte[][] bHead;
    private final byte[][] bBody;
    private final byte[][] bTail;
    /** [mod][roll][object form]. */
    private final byte[][][][] rareMods;

    ItemWriter(World w) {
        this.w = w;
        this.cat = w.cat;
        leagueId = new byte[w.leagues.length][];
        for (int l = 0; l < w.leagues.length; l++) {
            leagueId[l] = b("\"league\":" + new String(w.leagueJson[l], StandardCharsets.UTF_8) + ",\"id\":\"");
        }
        for (int g = 0; g < 6; g++) {
            for (int c = 0; c < 4; c++) {
                sock[g * 4 + c] = b("{\"group\":" + g + ",\"attr\":\"" + Sockets.ATTRS[c] + "\",\"sColour\":\""
                        + Sockets.COLOURS[c] + "\"}");
            }
        }
        for (int i = 0; i < inventory.length; i++) {
            inventory[i] = b(",\"inventoryId\":\"Stash" + i + "\"");
        }

        int nu = cat.uniques.size();
        uHead = new byte[nu][];
        uName = new byte[nu][2][];
        uBody = new byte[nu][3][2][];
        uTail = new byte[nu][];
        for (int i = 0; i < nu; i++) {
            Catalog.UniqueDef u = cat.uniques.get(i);
            uHead[i] = b("{\"verified\":false,\"w\":" + u.w + ",\"h\":" + u.h + ",\"icon\":" + q(u.icon) + ",");
            for (int m = 0; m < 2; m++) {
                uName[i][m] = b(",\"name\":" + q((m == 1 ? MARKUP : "") + u.name) + ",\"typeLine\":" + q(u.base)
                        + ",\"baseType\":" + q(u.base) + ",\"identified\":true,\"ilvl\":");
            }
            for (int r = 0; r < 3; r++) {
                double t = r / 2.0;
                for (int o = 0; o < 2; o++) {
                    StringBuilder sb = new StringBuilder();
                    sb.append(properties(u.category, u.sub, i, t));
                    sb.append(requirements(u.level, u.category, i));
                    if (u.implicits.length > 0) {
                        sb.append(",\"implicitMods\":").append(mods(u.implicits, t, o == 1));
                    }
                    sb.append(",\"explicitMods\":").append(mods(u.explicits, t, o == 1));
                    if (u.flavour.length > 0) {
                        sb.append(",\"flavourText\":").append(strings(u.flavour));
                    }
                    sb.append(",\"frameType\":3");
                    uBody[i][r][o] = b(sb.toString());
                }
            }
            uTail[i] = b(extended(u.category, u.sub));
        }

        int ng = cat.gems.size();
        gHead = new byte[ng][];
        gName = new byte[ng][4][];
        gTags = new byte[ng][];
        gTail = new byte[ng][];
        String[] alts = {null, "Anomalous", "Divergent", "Phantasmal"};
        for (int i = 0; i < ng; i++) {
            Catalog.GemDef g = cat.gems.get(i);
            gHead[i] = b("{\"verified\":false,\"w\":1,\"h\":1,\"icon\":" + q(g.icon) + ",\"support\":" + g.support + ",");
            for (int a = 0; a < 4; a++) {
                gName[i][a] = b(",\"name\":\"\",\"typeLine\":" + q(SimKeys.gemTypeLine(g.name, alts[a]))
                        + ",\"baseType\":" + q(g.name) + ",\"identified\":true,\"ilvl\":0");
            }
            gTags[i] = b("{\"name\":" + q(g.tags) + ",\"values\":[],\"displayMode\":0}");
            String sec;
            String[] mods;
            String descr;
            if (g.support) {
                sec = "Supports skills, modifying how they behave.";
                mods = new String[] {"Supported Skills deal (20-49)% more Damage", "Supported Skills have (10-19)% increased Area of Effect"};
                descr = "This is a Support Gem. It does not grant a bonus to your character, but to skills in sockets "
                        + "connected to it. Place into an item socket connected to a socket containing the Skill Gem "
                        + "you wish to augment. Right click to remove from a socket.";
            } else if (g.tags.contains("Aura")) {
                sec = "Casts an aura that grants you and your allies a buff while in its area.";
                mods = new String[] {"You and nearby Allies gain +(300-1000) to Evasion Rating", "(20-40)% increased Area of Effect"};
                descr = "Place into an item socket of the right colour to gain this skill. Right click to remove from a socket.";
            } else {
                sec = "Performs a skill that deals damage to enemies in an area.";
                mods = new String[] {"Deals (10-400) to (30-1200) Damage", "(10-40)% increased Damage"};
                descr = "Place into an item socket of the right colour to gain this skill. Right click to remove from a socket.";
            }
            gTail[i] = b(",\"secDescrText\":" + q(sec) + ",\"explicitMods\":" + mods(mods, 0.5, false)
                    + ",\"descrText\":" + q(descr) + ",\"frameType\":4");
        }

        int nc = cat.cards.size();
        cMid = new byte[nc][];
        cName = new byte[nc][];
        cTail = new byte[nc][];
        for (int i = 0; i < nc; i++) {
            Catalog.CardDef c = cat.cards.get(i);
            cMid[i] = b(",\"maxStackSize\":" + c.stack + ",");
            cName[i] = b(",\"name\":\"\",\"typeLine\":" + q(c.name) + ",\"baseType\":" + q(c.name)
                    + ",\"identified\":true,\"ilvl\":0");
            cTail[i] = b(",\"explicitMods\":[" + q(c.reward) + "],\"flavourText\":[" + q(c.flavour)
                    + "],\"frameType\":6,\"artFilename\":" + q(c.art));
        }

        int nk = cat.currencies.size();
        kHead = new byte[nk][];
        kMid = new byte[nk][];
        kName = new byte[nk][];
        kTail = new byte[nk][];
        for (int i = 0; i < nk; i++) {
            Catalog.CurrencyDef c = cat.currencies.get(i);
            kHead[i] = b("{\"verified\":false,\"w\":1,\"h\":1,\"icon\":" + q(c.icon) + ",\"stackSize\":");
            kMid[i] = b(",\"maxStackSize\":" + c.maxStack + ",");
            kName[i] = b(",\"name\":\"\",\"typeLine\":" + q(c.name) + ",\"baseType\":" + q(c.name)
                    + ",\"identified\":true,\"ilvl\":0");
            kTail[i] = b(",\"explicitMods\":[" + q(c.description) + "],\"descrText\":"
                    + q("Right click this item then left click on an item to apply it.") + ",\"frameType\":5");
        }

        int nm = cat.maps.size();
        mHead = new byte[nm][];
        for (int i = 0; i < nm; i++) {
            Catalog.MapDef m = cat.maps.get(i);
            mHead[i] = b("{\"verified\":false,\"w\":1,\"h\":1,\"icon\":" + q(m.icon) + ",");
        }
        mMods = new byte[MAP_MODS.length][];
        for (int i = 0; i < MAP_MODS.length; i++) {
            mMods[i] = b(q(MAP_MODS[i]));
        }

        int nb = cat.bases.size();
        bHead = new byte[nb][];
        bBody = new byte[nb][];
        bTail = new byte[nb][];
        for (int i = 0; i < nb; i++) {
            Catalog.BaseDef bd = cat.bases.get(i);
            bHead[i] = b("{\"verified\":false,\"w\":" + bd.w + ",\"h\":" + bd.h + ",\"icon\":" + q(bd.icon) + ",");
            StringBuilder sb = new StringBuilder();
            sb.append(properties(bd.category, bd.sub, 1000 + i, 0.5));
            sb.append(requirements(bd.level, bd.category, 1000 + i));
            if (bd.implicit != null) {
                sb.append(",\"implicitMods\":[").append(q(Catalog.roll(bd.implicit, 0.5))).append(']');
            }
            bBody[i] = b(sb.toString());
            bTail[i] = b(extended(bd.category, bd.sub));
        }
        rareMods = new byte[cat.rareMods.length][3][2][];
        for (int i = 0; i < cat.rareMods.length; i++) {
            for (int r = 0; r < 3; r++) {
                String text = Catalog.roll(cat.rareMods[i], r / 2.0);
                rareMods[i][r][0] = b(q(text));
                rareMods[i][r][1] = b("{\"description\":" + q(text) + ",\"flags\":0}");
            }
        }
    }

    /** Writes one item of a stash in a league. */
    void write(JsonOut out, SimItem it, int league, int tabNo) {
        switch (it.kind) {
            case UNIQUE -> writeUnique(out, it, league);
            case GEM -> writeGem(out, it, league);
            case CARD -> writeCard(out, it, league);
            case CURRENCY -> writeCurrency(out, it, league);
            case MAP -> writeMap(out, it, league);
            default -> writeRare(out, it, league);
        }
        out.raw(X).num(it.serial % 12).raw(Y).num((it.serial / 12) % 12).raw(inventory[Math.min(tabNo, 7)]);
        if (Sockets.count(it.sockets) > 0) {
            out.raw(SOCKETED_END);
        } else {
            out.raw('}');
        }
    }

    private void idAndLeague(JsonOut out, SimItem it, int league) {
        out.raw(leagueId[league]).raw(it.id).raw(ID_END);
    }

    private void note(JsonOut out, SimItem it) {
        if (it.note != null) {
            out.raw(NOTE).raw(it.note.json);
        }
    }

    private void sockets(JsonOut out, long packed) {
        int n = Sockets.count(packed);
        if (n == 0) {
            return;
        }
        out.raw(SOCKETS);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                out.raw(',');
            }
            out.raw(sock[Sockets.group(packed, i) * 4 + Sockets.colour(packed, i)]);
        }
        out.raw(']');
    }

    private void writeUnique(JsonOut out, SimItem it, int league) {
        int d = it.def;
        out.raw(uHead[d]);
        idAndLeague(out, it, league);
        sockets(out, it.sockets);
        out.raw(uName[d][it.markup ? 1 : 0]).num(it.ilvl);
        note(out, it);
        out.raw(uBody[d][it.roll][it.modObjects ? 1 : 0]);
        if (it.corrupted) {
            out.raw(CORRUPTED);
        }
        out.raw(uTail[d]);
    }

    private void writeGem(JsonOut out, SimItem it, int league) {
        int d = it.def;
        Catalog.GemDef g = cat.gems.get(d);
        Catalog.GemVariant v = w.key(it.key).gem;
        int alt = v.alt == null ? 0 : v.alt.equals("Anomalous") ? 1 : v.alt.equals("Divergent") ? 2 : 3;
        out.raw(gHead[d]);
        idAndLeague(out, it, league);
        out.raw(gName[d][alt]);
        note(out, it);
        if (v.corrupted) {
            out.raw(CORRUPTED);
        }
        out.raw(GEM_LEVEL_START).raw(gTags[d]).raw(GEM_LEVEL_MID).num(v.level);
        if (v.level >= g.maxLevel) {
            out.ascii(" (Max)");
        }
        out.raw(GEM_LEVEL_END);
        if (v.quality > 0) {
            out.raw(GEM_QUALITY_START).num(v.quality).raw(GEM_QUALITY_END);
        }
        int attrIndex = g.attr == 'S' ? 0 : g.attr == 'D' ? 1 : 2;
        int reqLevel = g.maxLevel <= 5 ? 60 + 4 * v.level : Math.min(80, Math.max(1, 1 + v.level * 7 / 2));
        out.raw(GEM_REQ_START).num(reqLevel).raw(GEM_REQ_MID).ascii(GEM_ATTR[attrIndex]).raw(GEM_REQ_MID2)
                .num(Math.max(8, reqLevel * 2)).raw(GEM_REQ_END).num(63 + attrIndex);
        if (v.level < g.maxLevel) {
            out.raw(GEM_EXP_START).num(1 + it.serial % 5000).raw('/').num(9569L * v.level * v.level + 15249)
                    .raw(GEM_EXP_END);
        } else {
            out.raw(GEM_REQ_CLOSE);
        }
        out.raw(gTail[d]);
    }

    private void writeCard(JsonOut out, SimItem it, int league) {
        int d = it.def;
        out.raw(CARD_HEAD).num(it.stack).raw(cMid[d]);
        idAndLeague(out, it, league);
        out.raw(cName[d]);
        note(out, it);
        out.raw(STACK_PROP_START).num(it.stack).raw('/').num(cat.cards.get(d).stack).raw(STACK_PROP_END);
        out.raw(cTail[d]);
    }

    private void writeCurrency(JsonOut out, SimItem it, int league) {
        int d = it.def;
        out.raw(kHead[d]).num(it.stack).raw(kMid[d]);
        idAndLeague(out, it, league);
        out.raw(kName[d]);
        note(out, it);
        out.raw(STACK_PROP_START).num(it.stack).raw('/').num(cat.currencies.get(d).maxStack).raw(STACK_PROP_END);
        out.raw(kTail[d]);
    }

    private void writeMap(JsonOut out, SimItem it, int league) {
        int d = it.def;
        Catalog.MapDef m = cat.maps.get(d);
        out.raw(mHead[d]);
        idAndLeague(out, it, league);
        String name = "";
        String typeLine = m.name;
        if (it.rarity == 1) {
            typeLine = MAP_PREFIXES[(it.nameBits >>> 8) % MAP_PREFIXES.length] + " " + m.name + " "
                    + MAP_SUFFIXES[(it.nameBits & 0xFF) % MAP_SUFFIXES.length];
        } else if (it.rarity == 2) {
            name = rareName(it.nameBits);
        }
        out.ascii(",\"name\":").str(name).ascii(",\"typeLine\":").str(typeLine).ascii(",\"baseType\":").str(m.name)
                .ascii(",\"identified\":true,\"ilvl\":").num(it.ilvl);
        note(out, it);
        out.raw(MAP_TIER_START).num(m.tier).raw(MAP_TIER_END);
        if (it.rarity > 0) {
            out.raw(MAP_IIQ_START).num(it.rarity * 30L + it.serial % 40).raw(MAP_IIQ_END);
        }
        out.raw(']');
        if (it.rarity > 0) {
            out.raw(OPEN_LIST);
            int n = it.rarity == 1 ? 2 : 4;
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    out.raw(',');
                }
                out.raw(mMods[(int) ((it.modMask + i * 3L) % mMods.length)]);
            }
            out.raw(']');
        }
        out.raw(MAP_DESCR).num(it.rarity);
    }

    private void writeRare(JsonOut out, SimItem it, int league) {
        int d = it.def;
        Catalog.BaseDef bd = cat.bases.get(d);
        out.raw(bHead[d]);
        idAndLeague(out, it, league);
        sockets(out, it.sockets);
        String name = "";
        String typeLine = bd.base;
        if (it.kind == Kind.RARE && it.identified) {
            name = (it.markup ? MARKUP : "") + rareName(it.nameBits);
        } else if (it.kind == Kind.MAGIC) {
            String prefix = cat.magicPrefixes[(it.nameBits >>> 8) % cat.magicPrefixes.length];
            String suffix = cat.magicSuffixes[(it.nameBits & 0xFF) % cat.magicSuffixes.length];
            typeLine = prefix + " " + bd.base + " " + suffix;
        }
        out.ascii(",\"name\":").str(name).ascii(",\"typeLine\":").str(typeLine).ascii(",\"baseType\":").str(bd.base)
                .ascii(",\"identified\":").bool(it.identified).ascii(",\"ilvl\":").num(it.ilvl);
        note(out, it);
        out.raw(bBody[d]);
        if (it.identified) {
            out.raw(OPEN_LIST);
            boolean first = true;
            int o = it.modObjects ? 1 : 0;
            for (int i = 0; i < rareMods.length; i++) {
                if ((it.modMask & (1 << i)) != 0) {
                    if (!first) {
                        out.raw(',');
                    }
                    first = false;
                    out.raw(rareMods[i][it.roll][o]);
                }
            }
            out.raw(']');
        }
        out.ascii(",\"frameType\":").num(it.kind == Kind.RARE ? 2 : 1);
        if (it.corrupted) {
            out.raw(CORRUPTED);
        }
        out.raw(bTail[d]);
    }

    private String rareName(int bits) {
        return cat.rareFirst[(bits >>> 8) % cat.rareFirst.length] + " " + cat.rareSecond[(bits & 0xFF) % cat.rareSecond.length];
    }

    // ------------------------------------------------------------------ fragments

    private static String properties(String category, String sub, int seedish, double t) {
        long h = Rng.mix(seedish * 7919L + 13);
        if (category.equals("weapons")) {
            String cls = switch (sub) {
                case "twosword" -> "Two Handed Sword";
                case "twoaxe" -> "Two Handed Axe";
                case "staff" -> "Staff";
                case "warstaff" -> "Warstaff";
                case "bow" -> "Bow";
                case "twomace" -> "Two Handed Mace";
                case "onemace" -> "One Handed Mace";
                case "wand" -> "Wand";
                default -> "One Handed Sword";
            };
            int lo = 40 + (int) (h % 60) + (int) (t * 60);
            int hi = lo * 2 + (int) ((h >>> 8) % 50);
            return ",\"properties\":[{\"name\":" + q(cls) + ",\"values\":[],\"displayMode\":0},"
                    + "{\"name\":\"Physical Damage\",\"values\":[[\"" + lo + "-" + hi + "\",1]],\"displayMode\":0,\"type\":9},"
                    + "{\"name\":\"Critical Strike Chance\",\"values\":[[\"" + (5 + (h >>> 16) % 4) + ".00%\",0]],\"displayMode\":0,\"type\":12},"
                    + "{\"name\":\"Attacks per Second\",\"values\":[[\"1." + (10 + (h >>> 20) % 50) + "\",0]],\"displayMode\":0,\"type\":13},"
                    + "{\"name\":\"Weapon Range\",\"values\":[[\"" + (sub.startsWith("two") || sub.endsWith("staff") ? 13 : 11)
                    + "\",0]],\"displayMode\":0,\"type\":14}]";
        }
        if (category.equals("armour")) {
            StringBuilder sb = new StringBuilder(",\"properties\":[");
            boolean first = true;
            if (sub.equals("shield")) {
                sb.append("{\"name\":\"Chance to Block\",\"values\":[[\"").append(24 + h % 6)
                        .append("%\",1]],\"displayMode\":0,\"type\":15}");
                first = false;
            }
            String[] defs = {"Armour", "Evasion Rating", "Energy Shield"};
            int[] types = {16, 17, 18};
            int mask = 1 + (int) ((h >>> 4) % 6);
            for (int i = 0; i < 3; i++) {
                if ((mask & (1 << i)) != 0) {
                    if (!first) {
                        sb.append(',');
                    }
                    first = false;
                    int v = (int) ((i == 2 ? 80 : 300) * (1 + t) + (h >>> (8 + i * 4)) % 200);
                    sb.append("{\"name\":").append(q(defs[i])).append(",\"values\":[[\"").append(v)
                            .append("\",1]],\"displayMode\":0,\"type\":").append(types[i]).append('}');
                }
            }
            return sb.append(']').toString();
        }
        return "";
    }

    private static String requirements(int level, String category, int seedish) {
        if (level <= 1) {
            return "";
        }
        StringBuilder sb = new StringBuilder(",\"requirements\":[{\"name\":\"Level\",\"values\":[[\"").append(level)
                .append("\",0]],\"displayMode\":0,\"type\":62}");
        if (category.equals("armour") || category.equals("weapons")) {
            int a = (int) (Rng.mix(seedish) & 0x7FFFFFFF) % 3;
            sb.append(",{\"name\":\"").append(GEM_ATTR[a]).append("\",\"values\":[[\"").append(level + 30 + level / 2)
                    .append("\",0]],\"displayMode\":1,\"type\":").append(63 + a).append('}');
        }
        return sb.append(']').toString();
    }

    private static String extended(String category, String sub) {
        return ",\"extended\":{\"category\":" + q(category) + ",\"subcategories\":[" + q(sub) + "]}";
    }

    private static String mods(String[] templates, double t, boolean objects) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < templates.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            String text = Catalog.roll(templates[i], t);
            if (objects) {
                sb.append("{\"description\":").append(q(text)).append(",\"flags\":0}");
            } else {
                sb.append(q(text));
            }
        }
        return sb.append(']').toString();
    }

    private static String strings(String[] lines) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(q(lines[i]));
        }
        return sb.append(']').toString();
    }

    private static String q(String s) {
        return new String(JsonOut.quote(s), StandardCharsets.UTF_8);
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
