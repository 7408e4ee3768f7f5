package io.stashwatch.market;

import static io.stashwatch.testing.Items.card;
import static io.stashwatch.testing.Items.currency;
import static io.stashwatch.testing.Items.gem;
import static io.stashwatch.testing.Items.item;
import static io.stashwatch.testing.Items.map;
import static io.stashwatch.testing.Items.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.stashwatch.model.Item;
import org.junit.jupiter.api.Test;

class ItemKeysTest {

    @Test
    void uniquesByNameBaseAndLinksOfFiveOrSix() {
        assertThat(ItemKeys.key(unique("Kaom's Heart", "Glorious Plate", 6))).isEqualTo("Kaom's Heart Glorious Plate 6L");
        assertThat(ItemKeys.key(unique("Kaom's Heart", "Glorious Plate", 5))).isEqualTo("Kaom's Heart Glorious Plate 5L");
        assertThat(ItemKeys.key(unique("Kaom's Heart", "Glorious Plate", 4))).isEqualTo("Kaom's Heart Glorious Plate");
        assertThat(ItemKeys.key(unique("Kaom's Heart", "Glorious Plate", 0))).isEqualTo("Kaom's Heart Glorious Plate");
        assertThat(ItemKeys.key(unique("Kaom's Heart", "Glorious Plate", 6)))
                .isNotEqualTo(ItemKeys.key(unique("Kaom's Heart", "Glorious Plate", 4)));
    }

    @Test
    void unidentifiedUniquesAndRelics() {
        Item unid = unique("", "Spike-Point Arrow Quiver", 0);
        unid.identified = false;
        assertThat(ItemKeys.key(unid)).isEqualTo("Spike-Point Arrow Quiver (unidentified unique)");
        assertThat(ItemKeys.isFungible(unid)).isTrue();
        Item relic = unique("Kaom's Heart", "Glorious Plate", 6);
        relic.frameType = 9;
        assertThat(ItemKeys.key(relic)).isEqualTo("Kaom's Heart Glorious Plate 6L relic");
    }

    @Test
    void gemsByLevelQualityCorruptionAndAlternateQuality() {
        assertThat(ItemKeys.key(gem("Vaal Grace", 21, 20, true))).isEqualTo("Vaal Grace gem 21/20 corrupted");
        assertThat(ItemKeys.key(gem("Vaal Grace", 21, 20, false))).isEqualTo("Vaal Grace gem 21/20");
        assertThat(ItemKeys.key(gem("Vaal Grace", 20, 0, false))).isEqualTo("Vaal Grace gem 20/0");
        assertThat(ItemKeys.key(gem("Empower Support", 4, 20, true))).isEqualTo("Empower Support gem 4/20 corrupted");
        Item anomalous = gem("Anomalous Arc", 20, 20, false);
        anomalous.gemAltQuality = ItemKeys.altQualityOf(anomalous.typeLine);
        assertThat(anomalous.gemAltQuality).isEqualTo("Anomalous");
        assertThat(ItemKeys.key(anomalous)).isEqualTo("Anomalous Arc gem 20/20");
        // alternate quality known from elsewhere, type line without the prefix
        Item divergent = gem("Arc", 20, 20, false);
        divergent.gemAltQuality = "Divergent";
        assertThat(ItemKeys.key(divergent)).isEqualTo("Divergent Arc gem 20/20");
        assertThat(ItemKeys.altQualityOf("Phantasmal Grace")).isEqualTo("Phantasmal");
        assertThat(ItemKeys.altQualityOf("Arc")).isNull();
        assertThat(ItemKeys.altQualityOf("Anomalousness")).isNull();
    }

    @Test
    void divinationCardsAndCurrency() {
        assertThat(ItemKeys.key(card("The Doctor", 3))).isEqualTo("The Doctor card");
        assertThat(ItemKeys.key(currency("Divine Orb", 10))).isEqualTo("Divine Orb");
        assertThat(ItemKeys.key(currency("Chaos Orb", 1))).isEqualTo("Chaos Orb");
        assertThat(ItemKeys.isFungible(card("The Doctor", 1))).isTrue();
    }

    @Test
    void mapsByBaseAndTier() {
        assertThat(ItemKeys.key(map(0, "Crimson Temple Map", "Crimson Temple Map", 16)))
                .isEqualTo("Crimson Temple Map T16");
        assertThat(ItemKeys.key(map(0, "Blighted Crimson Temple Map", "Crimson Temple Map", 16)))
                .isEqualTo("Blighted Crimson Temple Map T16");
        assertThat(ItemKeys.key(map(0, "Blight-ravaged Crimson Temple Map", "Crimson Temple Map", 16)))
                .isEqualTo("Blight-ravaged Crimson Temple Map T16");
        Item rareMap = map(2, "Fecund Crimson Temple Map of Balance", "Crimson Temple Map", 16);
        assertThat(ItemKeys.key(rareMap)).isEqualTo("Crimson Temple Map T16 (rare)");
        assertThat(ItemKeys.isFungible(rareMap)).isFalse();
        Item uniqueMap = map(3, "Atoll Map", "Atoll Map", 5);
        uniqueMap.name = "Maelström of Chaos";
        assertThat(ItemKeys.key(uniqueMap)).isEqualTo("Maelström of Chaos Atoll Map T5");
    }

    @Test
    void rareAndMagicItemsAreKeyedButNotFungible() {
        Item rare = item(2, "Doom Visor", "Hubris Circlet");
        assertThat(ItemKeys.key(rare)).isEqualTo("Hubris Circlet (rare)");
        assertThat(ItemKeys.isFungible(rare)).isFalse();
        Item magic = item(1, "", "Hubris Circlet");
        magic.typeLine = "Seething Hubris Circlet of the Whelpling";
        assertThat(ItemKeys.key(magic)).isEqualTo("Hubris Circlet (magic)");
        assertThat(ItemKeys.isFungible(magic)).isFalse();
        assertThat(ItemKeys.isFungible(unique("Kaom's Heart", "Glorious Plate", 6))).isTrue();
    }

    @Test
    void otherItemsByBaseType() {
        assertThat(ItemKeys.key(item(0, "", "Winged Ambush Scarab"))).isEqualTo("Winged Ambush Scarab");
        Item superior = item(0, "", "Judgement Staff");
        superior.typeLine = "Superior Judgement Staff";
        assertThat(ItemKeys.key(superior)).isEqualTo("Judgement Staff");
        Item noBase = item(0, "", null);
        noBase.typeLine = "Superior Judgement Staff";
        assertThat(ItemKeys.key(noBase)).isEqualTo("Judgement Staff");
        assertThat(ItemKeys.key(item(0, "", null))).isEqualTo("?");
    }
}
