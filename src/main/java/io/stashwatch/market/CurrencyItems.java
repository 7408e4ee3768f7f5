package io.stashwatch.market;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * Which item keys are currencies that notes price in: the in-game name of a currency item (its
 * item key) to its canonical id. River rates are estimated from listings of these items.
 */
public final class CurrencyItems {
    private static final Map<String, String> BY_NAME;

    static {
        String[][] names = {
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
        Map<String, String> m = new HashMap<>();
        for (String[] pair : names) {
            m.put(pair[0], pair[1]);
        }
        BY_NAME = Collections.unmodifiableMap(m);
    }

    private CurrencyItems() {
    }

    /** Canonical currency id of an item key ({@code Divine Orb} → {@code divine}), or null. */
    public static String idOf(String itemKey) {
        return itemKey == null ? null : BY_NAME.get(itemKey);
    }
}
