package io.stashwatch.poe.cx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.stashwatch.poe.PoeApi;
import io.stashwatch.poe.PoeFatalException;
import io.stashwatch.poe.PoeSettings;
import io.stashwatch.poe.SimulatedApi;
import io.stashwatch.poe.league.League;
import io.stashwatch.poe.league.LeagueClient;
import io.stashwatch.poe.metrics.CountingPoeMetrics;
import io.stashwatch.simulator.server.SimulatorSettings;
import io.stashwatch.simulator.server.SyntheticRiverFeed;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Currency Exchange and league clients against the simulator. */
class CurrencyExchangeClientIT {

    static long currentHour() {
        long now = System.currentTimeMillis() / 1000;
        return now - now % 3600;
    }

    @Test
    void publishedHoursAndNotYet() throws Exception {
        try (SimulatedApi api = SimulatedApi.start(SimulatorSettings.builder().cxHistoryHours(6),
                new SyntheticRiverFeed(3, 1, 1))) {
            CountingPoeMetrics metrics = new CountingPoeMetrics();
            CurrencyExchangeClient cx = CurrencyExchangeClient.create(api.client().build(), metrics);
            long hour = CurrencyExchangeClient.lastCompleteHour(System.currentTimeMillis() / 1000);

            CurrencyDigest digest = cx.fetch("pc", hour).orElseThrow();
            assertThat(digest.hour()).isEqualTo(hour);
            assertThat(digest.nextHour()).isEqualTo(hour + 3600);
            assertThat(digest.markets()).hasSize(6);
            ChaosRates rates = ChaosRates.from(digest);
            double divine = SyntheticRiverFeed.divinePrice(hour) * Math.sqrt(1.05);
            assertThat(rates.chaosPerUnit("Settlers", "divine").getAsDouble()).isCloseTo(divine, within(1e-9));
            assertThat(rates.chaosPerUnit("Settlers", "mirror").getAsDouble()).isCloseTo(
                    Math.sqrt(400 * 420) * divine, within(1e-6));

            // The hour in progress: 404 with a well-formed body means "not yet".
            Optional<CurrencyDigest> notYet = cx.fetch("pc", currentHour());
            assertThat(notYet).isEmpty();
            assertThat(metrics.clientErrors()).isEqualTo(1);

            CurrencyDigest first = cx.fetchFirst("pc");
            assertThat(first.nextHour()).isEqualTo(first.hour() + 3600);
            assertThat(first.hour()).isLessThan(hour);
            assertThat(api.server.counters().userAgentViolations()).isZero();
            assertThat(api.server.counters().scopeViolations()).isZero();
        }
    }

    @Test
    void stopsBeforeTheInvalidRequestThreshold() throws Exception {
        try (SimulatedApi api = SimulatedApi.start(SimulatorSettings.builder(), new SyntheticRiverFeed(3, 1, 1))) {
            PoeSettings settings = api.client().invalidRequestLimit(3).build();
            CurrencyExchangeClient cx = CurrencyExchangeClient.create(settings, new CountingPoeMetrics());
            assertThat(cx.fetch("pc", currentHour())).isEmpty();
            assertThat(cx.fetch("pc", currentHour() + 3600)).isEmpty();
            long before = api.server.counters().requests();
            assertThatThrownBy(() -> cx.fetch("pc", currentHour()))
                    .isInstanceOf(PoeFatalException.class)
                    .hasMessageContaining("invalid-request threshold")
                    .hasMessageContaining("404 for /currency-exchange/");
            assertThat(api.server.counters().requests()).isEqualTo(before);
            assertThat(api.server.counters().clientErrors()).isEqualTo(2);
        }
    }

    @Test
    void aTokenWithoutTheScopeIsFatal() throws Exception {
        try (SimulatedApi api = SimulatedApi.start(SimulatorSettings.builder(), new SyntheticRiverFeed(3, 1, 1))) {
            PoeSettings psapiOnly = api.client().build();
            CurrencyExchangeClient cx = new CurrencyExchangeClient(PoeApi.shared(psapiOnly), new CountingPoeMetrics());
            assertThatThrownBy(() -> cx.fetch("pc", CurrencyExchangeClient.lastCompleteHour(
                    System.currentTimeMillis() / 1000)))
                    .isInstanceOf(PoeFatalException.class)
                    .hasMessageContaining("403")
                    .hasMessageContaining("service:cxapi");
        }
    }

    @Test
    void leagues() throws Exception {
        try (SimulatedApi api = SimulatedApi.start(SimulatorSettings.builder(), new SyntheticRiverFeed(3, 1, 1))) {
            List<League> leagues = LeagueClient.create(api.client().build(), new CountingPoeMetrics()).fetch("pc");
            assertThat(leagues).extracting(League::id).containsExactly("Standard", "Hardcore", "Settlers");
            assertThat(leagues).allMatch(l -> l.realm().equals("pc"));
        }
    }
}
