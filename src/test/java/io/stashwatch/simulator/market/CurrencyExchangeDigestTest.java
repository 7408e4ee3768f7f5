package io.stashwatch.simulator.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CurrencyExchangeDigestTest {
    private static final long ORIGIN = 1_700_000_000L / 3600 * 3600;

    private static MarketFeed feed(long seed, long origin) {
        return new MarketFeed(MarketSettings.builder().seed(seed).pages(50).stashesPerPage(10).accounts(100)
                .cxOriginHour(origin).build());
    }

    @Test
    void digestHasTheApiShapeAndTheMarketsRates() throws Exception {
        MarketFeed feed = feed(3, ORIGIN);
        GroundTruth gt = feed.groundTruth();
        long hour = ORIGIN - 5 * 3600;
        JsonNode root = TestRiver.MAPPER.readTree(feed.currencyExchangeJson(hour));
        assertThat(root.fieldNames()).toIterable().containsExactly("next_change_id", "markets");
        assertThat(root.get("next_change_id").isIntegralNumber()).isTrue();
        assertThat(root.get("next_change_id").asLong()).isEqualTo(hour + 3600);
        Set<String> leagues = new HashSet<>();
        int checked = 0;
        for (JsonNode m : root.get("markets")) {
            assertThat(m.fieldNames()).toIterable().containsExactly("league", "market_id", "market_pair",
                    "volume_traded", "lowest_stock", "highest_stock", "lowest_ratio", "highest_ratio");
            String league = m.get("league").asText();
            leagues.add(league);
            String[] ids = m.get("market_id").asText().split("\\|");
            assertThat(ids).hasSize(2);
            assertThat(ids[0].compareTo(ids[1])).isNegative();
            assertThat(m.get("market_pair").get(0).asText()).isEqualTo(ids[0]);
            assertThat(m.get("market_pair").get(1).asText()).isEqualTo(ids[1]);
            for (String dict : new String[] {"volume_traded", "lowest_stock", "highest_stock", "lowest_ratio", "highest_ratio"}) {
                assertThat(m.get(dict).fieldNames()).toIterable().containsExactlyInAnyOrder(ids[0], ids[1]);
                assertThat(m.get(dict).get(ids[0]).isIntegralNumber()).isTrue();
                assertThat(m.get(dict).get(ids[0]).asLong()).isPositive();
                assertThat(m.get(dict).get(ids[1]).asLong()).isPositive();
            }
            Map<String, Double> rates = gt.rates.get(league);
            if (rates == null) {
                continue;
            }
            // One a costs ratio[b] / ratio[a] of b.
            double expected = rates.get(ids[0]) / rates.get(ids[1]);
            double low = price(m.get("lowest_ratio"), ids);
            double high = price(m.get("highest_ratio"), ids);
            double traded = price(m.get("volume_traded"), ids);
            assertThat(low).isLessThanOrEqualTo(expected * 1.002);
            assertThat(high).isGreaterThanOrEqualTo(expected * 0.998);
            assertThat(Math.sqrt(low * high) / expected).isBetween(0.997, 1.003);
            assertThat(high / low).isLessThan(1.1);
            if (m.get("volume_traded").get(ids[0]).asLong() > 1000 && m.get("volume_traded").get(ids[1]).asLong() > 1000) {
                assertThat(traded / expected).isBetween(0.995, 1.005);
            }
            checked++;
        }
        assertThat(leagues).containsAll(feed.leagues());
        assertThat(leagues).hasSizeGreaterThan(feed.leagues().size());
        assertThat(checked).isGreaterThan(3 * 15);
        // The divine rate every consumer needs is there for every league.
        for (String league : feed.leagues()) {
            boolean found = false;
            for (JsonNode m : root.get("markets")) {
                found |= m.get("league").asText().equals(league) && m.get("market_id").asText().equals("chaos|divine");
            }
            assertThat(found).as(league).isTrue();
        }
    }

    private static double price(JsonNode dict, String[] ids) {
        return dict.get(ids[1]).asDouble() / dict.get(ids[0]).asDouble();
    }

    @Test
    void digestsDependOnSeedAndHourRelativeToTheOrigin() {
        MarketFeed a = feed(3, ORIGIN);
        MarketFeed b = feed(3, ORIGIN);
        MarketFeed later = feed(3, ORIGIN + 7200);
        MarketFeed other = feed(4, ORIGIN);
        long h = ORIGIN - 3600;
        assertThat(b.currencyExchangeJson(h)).isEqualTo(a.currencyExchangeJson(h));
        assertThat(other.currencyExchangeJson(h)).isNotEqualTo(a.currencyExchangeJson(h));
        assertThat(a.currencyExchangeJson(h - 3600)).isNotEqualTo(a.currencyExchangeJson(h));
        // The same hour relative to the origin gives the same digest, apart from its own id.
        String mine = new String(a.currencyExchangeJson(h), StandardCharsets.US_ASCII);
        String theirs = new String(later.currencyExchangeJson(h + 7200), StandardCharsets.US_ASCII);
        assertThat(theirs.replace("\"next_change_id\":" + (h + 7200 + 3600), "\"next_change_id\":" + (h + 3600)))
                .isEqualTo(mine);
        assertThat(a.originHour()).isEqualTo(ORIGIN);
    }

    @Test
    void hoursMustBeWholeHours() {
        assertThatThrownBy(() -> feed(3, ORIGIN).currencyExchangeJson(ORIGIN + 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3600");
    }

    @Test
    void withoutAnOriginTheFeedsCreationHourIsUsed() {
        MarketFeed f = new MarketFeed(MarketSettings.builder().seed(3).pages(50).stashesPerPage(10).accounts(100).build());
        long now = System.currentTimeMillis() / 1000;
        assertThat(f.originHour() % 3600).isZero();
        assertThat(now - f.originHour()).isBetween(0L, 3600L + 60);
    }
}
