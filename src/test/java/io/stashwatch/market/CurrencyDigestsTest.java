package io.stashwatch.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CurrencyDigestsTest {
    private static final long HOUR = 1_700_000_000L / 3600 * 3600;

    private static byte[] json(String s) {
        return s.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, RateUpdate> byKey(List<RateUpdate> rates) {
        return rates.stream().collect(Collectors.toMap(r -> r.league + "|" + r.currency, r -> r));
    }

    @Test
    void volumeWeightedPriceAgainstChaosAndChainsThroughDivine() throws Exception {
        byte[] body = json("{'next_change_id': " + (HOUR + 3600) + ", 'markets': ["
                // 10 divines traded for 1800 chaos: one divine costs 180 chaos.
                + "{'league':'Settlers','market_id':'chaos|divine','market_pair':['chaos','divine'],"
                + " 'volume_traded':{'chaos':1800,'divine':10},"
                + " 'lowest_ratio':{'chaos':170,'divine':1},'highest_ratio':{'chaos':190,'divine':1}},"
                // exalted against divine only: 1 exalted = 0.1 divine (ratio 10 exalted : 1 divine).
                + "{'league':'Settlers','market_id':'exalted|divine','market_pair':['exalted','divine'],"
                + " 'volume_traded':{'exalted':500,'divine':50},"
                + " 'lowest_ratio':{'exalted':10,'divine':1},'highest_ratio':{'exalted':10,'divine':1}},"
                // no volumes: geometric mean of the ratio prices (4 and 9 chaos per alch -> 6).
                + "{'league':'Settlers','market_id':'alch|chaos',"
                + " 'volume_traded':0,"
                + " 'lowest_ratio':{'alch':1,'chaos':4},'highest_ratio':{'alch':1,'chaos':9}},"
                + "{'league':'Hardcore','market_id':'divine|chaos','market_pair':['divine','chaos'],"
                + " 'volume_traded':{'divine':2,'chaos':400},"
                + " 'lowest_ratio':{'divine':1,'chaos':200},'highest_ratio':{'divine':1,'chaos':200}}"
                + "]}");
        List<RateUpdate> rates = CurrencyDigests.toRates(body, HOUR, List.of());
        Map<String, RateUpdate> m = byKey(rates);
        assertThat(m.get("Settlers|divine").chaosPerUnit).isCloseTo(180, within(1e-9));
        assertThat(m.get("Settlers|divine").volume).isEqualTo(10);
        assertThat(m.get("Settlers|exalted").chaosPerUnit).isCloseTo(18, within(1e-9));
        assertThat(m.get("Settlers|alch").chaosPerUnit).isCloseTo(6, within(1e-9));
        assertThat(m.get("Hardcore|divine").chaosPerUnit).isCloseTo(200, within(1e-9));
        assertThat(m).doesNotContainKey("Settlers|chaos");
        RateUpdate d = m.get("Settlers|divine");
        assertThat(d.source).isEqualTo("cx");
        assertThat(d.validFrom).isEqualTo(HOUR * 1000);
        assertThat(d.validUntil).isEqualTo((HOUR + 3600) * 1000);
        // Sorted by league, then currency.
        assertThat(rates.get(0).league).isEqualTo("Hardcore");
    }

    @Test
    void keepsOnlyTheWantedLeagues() throws Exception {
        byte[] body = json("{'markets': ["
                + "{'league':'A','market_id':'divine|chaos','volume_traded':{'divine':1,'chaos':150}},"
                + "{'league':'B','market_id':'divine|chaos','volume_traded':{'divine':1,'chaos':160}}]}");
        List<RateUpdate> rates = CurrencyDigests.toRates(body, HOUR, List.of("B"));
        assertThat(rates).hasSize(1);
        assertThat(rates.get(0).league).isEqualTo("B");
        assertThat(rates.get(0).chaosPerUnit).isEqualTo(160);
    }

    @Test
    void anHourNotYetPublishedHasNoMarkets() throws Exception {
        assertThat(CurrencyDigests.toRates(json("{'next_change_id': 1, 'markets': []}"), HOUR, List.of())).isEmpty();
    }

    @Test
    void unusableMarketsAreSkipped() throws Exception {
        byte[] body = json("{'markets': ["
                + "{'league':'A','market_id':'divine|chaos','volume_traded':{'divine':0,'chaos':0}},"
                + "{'league':'A','market_id':'weird'},"
                + "{'league':'A','market_id':'vaal|regal','volume_traded':{'vaal':3,'regal':3}}]}");
        assertThat(CurrencyDigests.toRates(body, HOUR, List.of())).isEmpty();
    }

    @Test
    void notJsonIsAnError() {
        assertThatThrownBy(() -> CurrencyDigests.toRates("<html>".getBytes(StandardCharsets.UTF_8), HOUR, List.of()))
                .isInstanceOf(java.io.IOException.class);
    }
}
