package io.stashwatch.simulator.market;

/**
 * The item-key format used by the simulated market's ground truth. Keys are human readable and
 * name the item and its price-relevant variant; the page parser's item keys must produce the same
 * strings from the page JSON for ground truth to match:
 *
 * <table>
 * <caption>Item keys by kind</caption>
 * <tr><th>kind (frameType)</th><th>key</th><th>example</th></tr>
 * <tr><td>unique (3)</td><td>{@code name + " " + baseType}, plus {@code " 5L"} / {@code " 6L"} when the largest
 *     linked socket group has 5 / 6 sockets (0-4 links: no suffix). The name has the {@code <<set:..>>}
 *     markup removed.</td><td>{@code Loreweave Elegant Ringmail 6L}, {@code Goldrim Leather Cap}</td></tr>
 * <tr><td>gem (4)</td><td>{@code typeLine + " gem " + level + "/" + quality}, plus {@code " corrupted"}.
 *     Level is the leading integer of the Level property (type 5, e.g. {@code "20 (Max)"} gives 20);
 *     quality the integer of the Quality property (type 6, {@code "+20%"}), 0 when absent. An
 *     alternate-quality gem's typeLine already starts with its quality ({@code "Anomalous Arc"},
 *     baseType {@code "Arc"}), so the prefix comes from the typeLine.</td>
 *     <td>{@code Vaal Grace gem 21/20 corrupted}, {@code Anomalous Arc gem 20/20}, {@code Enlighten Support gem 3/0}</td></tr>
 * <tr><td>divination card (6)</td><td>{@code typeLine + " card"}</td><td>{@code The Doctor card}</td></tr>
 * <tr><td>currency (5)</td><td>{@code typeLine}</td><td>{@code Divine Orb}</td></tr>
 * <tr><td>map (any rarity, has a "Map Tier" property, type 1)</td><td>{@code baseType + " T" + tier}</td>
 *     <td>{@code Crimson Temple Map T16}</td></tr>
 * <tr><td>rare (2) / magic (1) non-map</td><td>{@code baseType + " (rare)"} / {@code baseType + " (magic)"}</td>
 *     <td>{@code Hubris Circlet (rare)}</td></tr>
 * </table>
 *
 * <p>Prices are per unit for stackable items (currency, cards): a stack of 7 cards noted
 * {@code ~price 3 chaos} is 7 listings' worth at 3 chaos each, and ground truth states 3.
 */
public final class SimKeys {
    private SimKeys() {
    }

    public static String unique(String name, String baseType, int links) {
        String k = name + " " + baseType;
        return links >= 6 ? k + " 6L" : links == 5 ? k + " 5L" : k;
    }

    public static String gem(String typeLine, int level, int quality, boolean corrupted) {
        return typeLine + " gem " + level + "/" + quality + (corrupted ? " corrupted" : "");
    }

    public static String card(String typeLine) {
        return typeLine + " card";
    }

    public static String currency(String typeLine) {
        return typeLine;
    }

    public static String map(String baseType, int tier) {
        return baseType + " T" + tier;
    }

    public static String rare(String baseType) {
        return baseType + " (rare)";
    }

    public static String magic(String baseType) {
        return baseType + " (magic)";
    }

    /** The typeLine of a gem: its name, prefixed by its alternate quality if it has one. */
    static String gemTypeLine(String name, String altQuality) {
        return altQuality == null ? name : altQuality + " " + name;
    }
}
