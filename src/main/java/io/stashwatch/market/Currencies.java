package io.stashwatch.market;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The currencies price notes are written in: canonical ids (the trade site's ids, which the
 * Currency Exchange uses too), the spellings players write in notes, and the in-game item names.
 *
 * <p>Every canonical id has a one-byte id used in compact keyed state. Byte ids are part of the
 * checkpoint format: entries are only ever appended to {@link #IDS}, never reordered or removed.
 * Byte id 0 means "none".
 *
 * <p>Alias lookup is case-insensitive and allocation-free ({@link #canonical(CharSequence, int, int)}).
 */
public final class Currencies {

    /** Canonical ids by byte id. Append only: the index is stored in checkpoints. */
    private static final String[] IDS = {
        null, // 0 = none
        "chaos", "divine", "exalted", "mirror", "alch", "fusing", "chisel", "gcp", "chrom", "alt",
        "jew", "regal", "regret", "scour", "blessed", "vaal", "chance", "annul", "aug", "transmute",
        "wisdom", "portal", "bauble", "scrap", "whetstone", "silver", "ancient-orb", "harbinger-orb",
        "orb-of-binding", "orb-of-horizons", "engineers-orb",
    };

    /** Spellings seen in notes, besides the canonical ids themselves. */
    private static final String[][] ALIASES = {
        {"chaos", "c", "chaos-orb"},
        {"divine", "div", "divines", "divine-orb"},
        {"exalted", "exalt", "exalts", "exa", "ex", "exalted-orb"},
        {"mirror", "mir", "kalandra", "mirror-of-kalandra"},
        {"alch", "alchemy", "alc", "orb-of-alchemy"},
        {"fusing", "fuse", "fuses", "fusings", "orb-of-fusing"},
        {"chisel", "chisels", "cartographers-chisel"},
        {"gcp", "gcps", "gemcutter", "gemcutters-prism"},
        {"chrom", "chrome", "chroms", "chromatic", "chromatic-orb"},
        {"alt", "alts", "alteration", "orb-of-alteration"},
        {"jew", "jews", "jeweller", "jewellers", "jewellers-orb"},
        {"regal", "regals", "regal-orb"},
        {"regret", "regrets", "orb-of-regret"},
        {"scour", "scours", "scouring", "orb-of-scouring"},
        {"blessed", "bless", "blessed-orb"},
        {"vaal", "vaal-orb"},
        {"chance", "orb-of-chance"},
        {"annul", "annulment", "orb-of-annulment"},
        {"aug", "augmentation", "orb-of-augmentation"},
        {"transmute", "trans", "transmutation", "orb-of-transmutation"},
        {"wisdom", "wis", "scroll-of-wisdom"},
        {"portal", "portal-scroll"},
        {"bauble", "glassblower", "glassblowers-bauble"},
        {"scrap", "armourers-scrap"},
        {"whetstone", "blacksmiths-whetstone"},
        {"silver", "silver-coin"},
        {"ancient-orb", "ancient"},
        {"harbinger-orb", "harbinger", "harbingers-orb"},
        {"orb-of-binding", "binding"},
        {"orb-of-horizons", "horizons", "horizon"},
        {"engineers-orb", "engineers", "engineer"},
    };

    /** In-game item names (typeLine of currency items) to canonical ids. */
    private static final String[][] ITEM_NAMES = {
        {"Chaos Orb", "chaos"},
        {"Divine Orb", "divine"},
        {"Exalted Orb", "exalted"},
        {"Mirror of Kalandra", "mirror"},
        {"Orb of Alchemy", "alch"},
        {"Orb of Fusing", "fusing"},
        {"Cartographer's Chisel", "chisel"},
        {"Gemcutter's Prism", "gcp"},
        {"Chromatic Orb", "chrom"},
        {"Orb of Alteration", "alt"},
        {"Jeweller's Orb", "jew"},
        {"Regal Orb", "regal"},
        {"Orb of Regret", "regret"},
        {"Orb of Scouring", "scour"},
        {"Blessed Orb", "blessed"},
        {"Vaal Orb", "vaal"},
        {"Orb of Chance", "chance"},
        {"Orb of Annulment", "annul"},
        {"Orb of Augmentation", "aug"},
        {"Orb of Transmutation", "transmute"},
        {"Scroll of Wisdom", "wisdom"},
        {"Portal Scroll", "portal"},
        {"Glassblower's Bauble", "bauble"},
        {"Armourer's Scrap", "scrap"},
        {"Blacksmith's Whetstone", "whetstone"},
        {"Silver Coin", "silver"},
        {"Ancient Orb", "ancient-orb"},
        {"Harbinger's Orb", "harbinger-orb"},
        {"Orb of Binding", "orb-of-binding"},
        {"Orb of Horizons", "orb-of-horizons"},
        {"Engineer's Orb", "engineers-orb"},
    };

    /** Open-addressing table of lower-case aliases; power of two, at most half full. */
    private static final int TABLE_SIZE = 512;
    private static final String[] TABLE_KEYS = new String[TABLE_SIZE];
    private static final byte[] TABLE_IDS = new byte[TABLE_SIZE];
    private static final Map<String, Byte> BY_ID = new HashMap<>();
    private static final Map<String, String> BY_ITEM_NAME = new HashMap<>();
    private static final List<String> ALL;

    static {
        List<String> all = new ArrayList<>();
        for (int i = 1; i < IDS.length; i++) {
            BY_ID.put(IDS[i], (byte) i);
            all.add(IDS[i]);
        }
        ALL = Collections.unmodifiableList(all);
        int entries = 0;
        for (String[] group : ALIASES) {
            Byte id = BY_ID.get(group[0]);
            if (id == null) {
                throw new IllegalStateException("alias group without canonical id: " + group[0]);
            }
            for (String alias : group) {
                put(alias.toLowerCase(Locale.ROOT), id);
                entries++;
            }
        }
        if (entries * 2 > TABLE_SIZE) {
            throw new IllegalStateException("currency alias table too small");
        }
        for (String[] pair : ITEM_NAMES) {
            if (!BY_ID.containsKey(pair[1])) {
                throw new IllegalStateException("item name without canonical id: " + pair[0]);
            }
            BY_ITEM_NAME.put(pair[0], pair[1]);
        }
    }

    private Currencies() {
    }

    private static void put(String alias, byte id) {
        int slot = hash(alias, 0, alias.length()) & (TABLE_SIZE - 1);
        while (TABLE_KEYS[slot] != null) {
            if (TABLE_KEYS[slot].equals(alias)) {
                if (TABLE_IDS[slot] != id) {
                    throw new IllegalStateException("ambiguous currency alias " + alias);
                }
                return;
            }
            slot = (slot + 1) & (TABLE_SIZE - 1);
        }
        TABLE_KEYS[slot] = alias;
        TABLE_IDS[slot] = id;
    }

    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }

    private static int hash(CharSequence s, int start, int end) {
        int h = 0x811c9dc5;
        for (int i = start; i < end; i++) {
            h ^= lower(s.charAt(i));
            h *= 0x01000193;
        }
        return h ^ (h >>> 16);
    }

    /**
     * Byte id of the currency a note spelling stands for, case-insensitive, without allocating;
     * 0 when the spelling is unknown.
     */
    public static byte lookup(CharSequence s, int start, int end) {
        int len = end - start;
        if (len <= 0 || len > 32) {
            return 0;
        }
        int slot = hash(s, start, end) & (TABLE_SIZE - 1);
        while (true) {
            String key = TABLE_KEYS[slot];
            if (key == null) {
                return 0;
            }
            if (key.length() == len && equalsLower(key, s, start)) {
                return TABLE_IDS[slot];
            }
            slot = (slot + 1) & (TABLE_SIZE - 1);
        }
    }

    private static boolean equalsLower(String key, CharSequence s, int start) {
        for (int i = 0; i < key.length(); i++) {
            if (key.charAt(i) != lower(s.charAt(start + i))) {
                return false;
            }
        }
        return true;
    }

    /** Canonical id for a note spelling ({@code div} → {@code divine}), or null when unknown. */
    public static String canonical(CharSequence alias) {
        return alias == null ? null : byId(lookup(alias, 0, alias.length()));
    }

    /** Canonical id for the spelling in {@code s[start, end)}, or null when unknown. */
    public static String canonical(CharSequence s, int start, int end) {
        return byId(lookup(s, start, end));
    }

    /** The canonical id with this byte id, or null for 0 and ids out of range. */
    public static String byId(byte id) {
        int i = id & 0xff;
        return i < IDS.length ? IDS[i] : null;
    }

    /** Byte id of a canonical id; 0 when it is not one. */
    public static byte idOf(String canonical) {
        Byte id = canonical == null ? null : BY_ID.get(canonical);
        return id == null ? 0 : id;
    }

    /** Canonical id of a currency item by its in-game name ({@code Divine Orb} → {@code divine}), or null. */
    public static String fromItemName(String itemName) {
        return itemName == null ? null : BY_ITEM_NAME.get(itemName);
    }

    /** All canonical ids, in byte id order. */
    public static List<String> all() {
        return ALL;
    }
}
