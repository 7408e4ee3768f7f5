package io.stashwatch.poe.cx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CurrencyExchangeParsingTest {
    static final String DIGEST = "{\"next_change_id\":1700003600,\"markets\":["
            + "{\"league\":\"Standard\",\"market_id\":\"chaos|divine\",\"market_pair\":[\"chaos\",\"divine\"],"
            + "\"volume_traded\":{\"chaos\":12000,\"divine\":80},\"lowest_stock\":{\"chaos\":10,\"divine\":1},"
            + "\"highest_stock\":{\"chaos\":5000,\"divine\":40},\"lowest_ratio\":{\"chaos\":144,\"divine\":1},"
            + "\"highest_ratio\":{\"chaos\":156.25,\"divine\":1}},"
            + "{\"league\":\"Standard\",\"market_id\":\"exalted|chaos\",\"market_pair\":[\"exalted\",\"chaos\"],"
            + "\"volume_traded\":{\"exalted\":300,\"chaos\":3600},\"lowest_ratio\":{\"exalted\":1,\"chaos\":12},"
            + "\"highest_ratio\":{\"exalted\":1,\"chaos\":12}},"
            + "{\"league\":\"Standard\",\"market_id\":\"divine|mirror\",\"market_pair\":[\"divine\",\"mirror\"],"
            + "\"volume_traded\":{\"divine\":1200,\"mirror\":3},\"lowest_ratio\":{\"divine\":400,\"mirror\":1},"
            + "\"highest_ratio\":{\"divine\":400,\"mirror\":1}},"
            + "{\"league\":\"Standard\",\"market_id\":\"alch|regal\",\"market_pair\":[\"alch\",\"regal\"],"
            + "\"volume_traded\":{\"alch\":10,\"regal\":5},\"lowest_ratio\":{\"alch\":2,\"regal\":1},"
            + "\"highest_ratio\":{\"alch\":2,\"regal\":1}},"
            + "{\"league\":\"Private League (PL123)\",\"market_id\":\"divine|chaos\",\"volume_traded\":{\"divine\":1,"
            + "\"chaos\":100},\"lowest_ratio\":{\"divine\":1,\"chaos\":100},\"highest_ratio\":{\"divine\":1,\"chaos\":0}}"
            + "]}";

    static CurrencyDigest digest() throws Exception {
        return CurrencyExchangeClient.parse(DIGEST.getBytes(StandardCharsets.UTF_8), 1700000000L - 1700000000L % 3600);
    }

    @Test
    void parsesMarkets() throws Exception {
        CurrencyDigest d = digest();
        assertThat(d.nextHour()).isEqualTo(1700003600L);
        assertThat(d.markets()).hasSize(5);
        CurrencyMarket m = d.markets().get(0);
        assertThat(m.league()).isEqualTo("Standard");
        assertThat(m.a()).isEqualTo("chaos");
        assertThat(m.b()).isEqualTo("divine");
        assertThat(m.volumeTraded()).isEqualTo(new CurrencyMarket.Amounts(12000, 80));
        assertThat(m.lowestRatio()).isEqualTo(new CurrencyMarket.Amounts(144, 1));
        // Pair from market_id when market_pair is absent.
        CurrencyMarket p = d.markets().get(4);
        assertThat(p.a()).isEqualTo("divine");
        assertThat(p.b()).isEqualTo("chaos");
        assertThat(p.lowestStock()).isNull();
    }

    @Test
    void pricesFollowTheRatios() throws Exception {
        CurrencyMarket m = digest().markets().get(0);
        // one divine costs 144 chaos at the lowest ratio and 156.25 at the highest: geometric mean 150.
        assertThat(m.price("divine", "chaos").getAsDouble()).isCloseTo(150.0, within(1e-9));
        assertThat(m.price("chaos", "divine").getAsDouble()).isCloseTo(1 / 150.0, within(1e-12));
        assertThat(m.price("mirror", "chaos")).isEmpty();
    }

    @Test
    void chaosRatesDirectAndThroughOneIntermediate() throws Exception {
        ChaosRates rates = ChaosRates.from(digest());
        assertThat(rates.chaosPerUnit("Standard", "divine").getAsDouble()).isCloseTo(150.0, within(1e-9));
        assertThat(rates.chaosPerUnit("Standard", "exalted").getAsDouble()).isCloseTo(12.0, within(1e-9));
        assertThat(rates.chaosPerUnit("Standard", "chaos").getAsDouble()).isEqualTo(1.0);
        ChaosRates.Rate mirror = rates.rate("Standard", "mirror");
        assertThat(mirror.via()).isEqualTo("divine");
        assertThat(mirror.chaosPerUnit()).isCloseTo(400 * 150.0, within(1e-6));
        // Neither alch nor regal has a chaos price: not derivable, not guessed.
        assertThat(rates.chaosPerUnit("Standard", "alch")).isEmpty();
        // A zero ratio is ignored; the other one still gives a price.
        assertThat(rates.chaosPerUnit("Private League (PL123)", "divine").getAsDouble()).isEqualTo(100.0);
        assertThat(rates.chaosPerUnit("Unknown", "divine")).isEmpty();
        assertThat(rates.leagues()).containsExactlyInAnyOrder("Standard", "Private League (PL123)");
    }

    @Test
    void paths() {
        assertThat(CurrencyExchangeClient.path("pc", 1700003700L)).isEqualTo("/currency-exchange/1700002800");
        assertThat(CurrencyExchangeClient.path("xbox", -1)).isEqualTo("/currency-exchange/xbox");
        assertThat(CurrencyExchangeClient.lastCompleteHour(1700003700L)).isEqualTo(1699999200L);
    }
}
