package io.stashwatch.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CurrenciesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "chaos, chaos", "c, chaos", "C, chaos",
        "divine, divine", "div, divine", "Div, divine",
        "exalted, exalted", "exalt, exalted", "exa, exalted", "ex, exalted",
        "alch, alch", "fusing, fusing", "fuse, fusing", "chisel, chisel", "gcp, gcp", "chrom, chrom",
        "alt, alt", "jew, jew", "regal, regal", "regret, regret", "scour, scour", "blessed, blessed",
        "vaal, vaal", "chance, chance", "mirror, mirror", "mir, mirror", "annul, annul",
        "aug, aug", "transmute, transmute", "wisdom, wisdom", "portal, portal", "bauble, bauble",
        "ancient, ancient-orb", "ancient-orb, ancient-orb", "harbinger, harbinger-orb",
    })
    void aliases(String alias, String canonical) {
        assertThat(Currencies.canonical(alias)).isEqualTo(canonical);
    }

    @Test
    void unknownSpellings() {
        assertThat(Currencies.canonical("chaoss")).isNull();
        assertThat(Currencies.canonical("")).isNull();
        assertThat(Currencies.canonical((CharSequence) null)).isNull();
        assertThat(Currencies.canonical("d")).isNull();
    }

    @Test
    void lookupInsideALongerText() {
        String note = "~price 5 div";
        assertThat(Currencies.canonical(note, 9, 12)).isEqualTo("divine");
        assertThat(Currencies.canonical(note, 9, 11)).isNull(); // "di"
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "Chaos Orb, chaos", "Divine Orb, divine", "Exalted Orb, exalted", "Mirror of Kalandra, mirror",
        "Orb of Alchemy, alch", "Orb of Fusing, fusing", "Cartographer's Chisel, chisel",
        "Gemcutter's Prism, gcp", "Chromatic Orb, chrom", "Orb of Alteration, alt", "Jeweller's Orb, jew",
        "Regal Orb, regal", "Orb of Regret, regret", "Orb of Scouring, scour", "Blessed Orb, blessed",
        "Vaal Orb, vaal", "Orb of Chance, chance", "Orb of Annulment, annul",
    })
    void itemNames(String name, String canonical) {
        assertThat(Currencies.fromItemName(name)).isEqualTo(canonical);
    }

    @Test
    void byteIdsRoundTripAndAreStable() {
        var seen = new HashSet<Byte>();
        for (String id : Currencies.all()) {
            byte b = Currencies.idOf(id);
            assertThat(b).isNotZero();
            assertThat(seen.add(b)).isTrue();
            assertThat(Currencies.byId(b)).isEqualTo(id);
            // every canonical id is also accepted in notes
            assertThat(Currencies.canonical(id)).isEqualTo(id);
        }
        // checkpoint format: these ids must never move
        assertThat(Currencies.idOf("chaos")).isEqualTo((byte) 1);
        assertThat(Currencies.idOf("divine")).isEqualTo((byte) 2);
        assertThat(Currencies.idOf("exalted")).isEqualTo((byte) 3);
        assertThat(Currencies.idOf("nope")).isZero();
        assertThat(Currencies.byId((byte) 0)).isNull();
        assertThat(Currencies.byId((byte) 200)).isNull();
    }
}
