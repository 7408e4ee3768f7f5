package io.stashwatch.market;

import io.stashwatch.model.Item;

/**
 * The human-readable key an item is priced under: listings with the same key are the same good.
 *
 * <ul>
 *   <li>gems: name, level/quality, corruption, alternate quality:
 *       {@code Vaal Grace gem 21/20 corrupted}, {@code Anomalous Arc gem 20/20}</li>
 *   <li>divination cards: {@code The Doctor card}</li>
 *   <li>currency: its name, {@code Divine Orb}</li>
 *   <li>maps: base and tier, {@code Crimson Temple Map T16}, {@code Blighted Crimson Temple Map T16};
 *       unique maps {@code Maelström of Chaos Atoll Map T5}</li>
 *   <li>uniques: name and base, plus 5L/6L when the largest link group has 5 or 6 sockets:
 *       {@code Kaom's Heart Glorious Plate 6L}; relics add {@code relic}; unidentified uniques
 *       {@code Heavy Belt (unidentified unique)}</li>
 *   <li>magic and rare items: {@code Hubris Circlet (rare)} — not fungible, never judged against a
 *       reference price ({@link #isFungible})</li>
 *   <li>everything else (fragments, scarabs, essences, normal bases, ...): the base type</li>
 * </ul>
 */
public final class ItemKeys {

    public static final int FRAME_NORMAL = 0;
    public static final int FRAME_MAGIC = 1;
    public static final int FRAME_RARE = 2;
    public static final int FRAME_UNIQUE = 3;
    public static final int FRAME_GEM = 4;
    public static final int FRAME_CURRENCY = 5;
    public static final int FRAME_CARD = 6;
    public static final int FRAME_RELIC = 9;

    private static final String[] ALT_QUALITIES = {"Anomalous", "Divergent", "Phantasmal"};
    private static final String[] MAP_PREFIXES = {"Blight-ravaged ", "Blighted "};

    private ItemKeys() {
    }

    /** The item's key (never null; {@code "?"} for an item without any type). */
    public static String key(Item item) {
        int frame = item.frameType;
        switch (frame) {
            case FRAME_GEM:
                return gemKey(item);
            case FRAME_CARD:
                return typeName(item) + " card";
            case FRAME_CURRENCY:
                return typeName(item);
            default:
                break;
        }
        boolean unique = frame == FRAME_UNIQUE || frame == FRAME_RELIC;
        if (item.mapTier > 0) {
            return mapKey(item, unique);
        }
        if (unique) {
            return uniqueKey(item);
        }
        if (frame == FRAME_MAGIC) {
            return baseName(item) + " (magic)";
        }
        if (frame == FRAME_RARE) {
            return baseName(item) + " (rare)";
        }
        return baseName(item);
    }

    /**
     * False for magic and rare items (and rare/magic maps): their worth depends on their rolls, so
     * they are listed and tracked but never judged against a reference price.
     */
    public static boolean isFungible(Item item) {
        return isFungibleFrame(item.frameType);
    }

    /** {@link #isFungible} from the frame type alone (0 normal, 1 magic, 2 rare, ...). */
    public static boolean isFungibleFrame(int frameType) {
        return frameType != FRAME_MAGIC && frameType != FRAME_RARE;
    }

    /** Alternate quality of a gem from its type line ({@code Anomalous Arc} → Anomalous), or null. */
    public static String altQualityOf(String typeLine) {
        if (typeLine == null) {
            return null;
        }
        for (String q : ALT_QUALITIES) {
            if (typeLine.length() > q.length() && typeLine.startsWith(q) && typeLine.charAt(q.length()) == ' ') {
                return q;
            }
        }
        return null;
    }

    private static String gemKey(Item item) {
        StringBuilder sb = new StringBuilder(48);
        String name = typeName(item);
        String alt = item.gemAltQuality;
        if (alt != null && !alt.isEmpty() && !name.startsWith(alt)) {
            sb.append(alt).append(' ');
        }
        sb.append(name).append(" gem ").append(item.gemLevel).append('/').append(item.gemQuality);
        if (item.corrupted) {
            sb.append(" corrupted");
        }
        return sb.toString();
    }

    private static String mapKey(Item item, boolean unique) {
        StringBuilder sb = new StringBuilder(48);
        String typeLine = item.typeLine == null ? "" : item.typeLine;
        if (unique && !isEmpty(item.name)) {
            sb.append(item.name).append(' ');
        } else {
            for (String p : MAP_PREFIXES) {
                if (typeLine.startsWith(p) && (item.baseType == null || !item.baseType.startsWith(p))) {
                    sb.append(p);
                    break;
                }
            }
        }
        sb.append(baseName(item)).append(" T").append(item.mapTier);
        if (item.frameType == FRAME_MAGIC) {
            sb.append(" (magic)");
        } else if (item.frameType == FRAME_RARE) {
            sb.append(" (rare)");
        }
        return sb.toString();
    }

    private static String uniqueKey(Item item) {
        StringBuilder sb = new StringBuilder(48);
        if (isEmpty(item.name)) {
            sb.append(baseName(item)).append(" (unidentified unique)");
        } else {
            sb.append(item.name).append(' ').append(baseName(item));
        }
        if (item.links >= 5) {
            sb.append(' ').append(item.links).append('L');
        }
        if (item.frameType == FRAME_RELIC) {
            sb.append(" relic");
        }
        return sb.toString();
    }

    /** The type line, for gems, cards and currency (their type line is their name). */
    private static String typeName(Item item) {
        if (!isEmpty(item.typeLine)) {
            return item.typeLine;
        }
        return isEmpty(item.baseType) ? "?" : item.baseType;
    }

    /** The base type; the type line without "Superior " when the base type is missing. */
    private static String baseName(Item item) {
        if (!isEmpty(item.baseType)) {
            return item.baseType;
        }
        String t = item.typeLine;
        if (isEmpty(t)) {
            return "?";
        }
        return t.startsWith("Superior ") ? t.substring(9) : t;
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }
}
