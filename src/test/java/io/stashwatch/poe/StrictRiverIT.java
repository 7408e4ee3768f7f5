package io.stashwatch.poe;

import static org.assertj.core.api.Assertions.assertThat;

import io.stashwatch.config.Config;
import io.stashwatch.poe.metrics.CountingPoeMetrics;
import io.stashwatch.simulator.server.SimulatorCounters;
import io.stashwatch.simulator.server.SimulatorSettings;
import io.stashwatch.simulator.server.SyntheticRiverFeed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The client with its production defaults, built from a {@link Config}, against the strict
 * simulator with the river limits {@code 8:4:10,40:60:60}, a token limit and 5 % faults: every page
 * arrives once and in order, with no 429 and no User-Agent or auth violation, across the 60 s
 * window (45 pages need more than the 40 requests it allows). About 65 s.
 */
class StrictRiverIT {
    static final int PAGES = 45;

    @Test
    void everyPageInOrderWithoutAnyViolation() throws Exception {
        SimulatorSettings.Builder strict = SimulatorSettings.builder()
                .riverRule("client", "8:4:10,40:60:60")
                .tokenRule("Ip", "2:10:60,4:300:1800")
                .faultRate(0.05).faultSeed(5).slowDelay(Duration.ofSeconds(1))
                .latency(Duration.ofMillis(20))
                .backlog(25).pace(Duration.ofMillis(300));
        try (SimulatedApi api = SimulatedApi.start(strict, new SyntheticRiverFeed(PAGES, 20, 8))) {
            Config config = Config.builder()
                    .cli("poe.api-url", api.server.baseUrl())
                    .cli("poe.token-url", api.server.tokenUrl())
                    .cli("poe.head-url", api.server.headUrl())
                    .cli("poe.client-id", SimulatorSettings.DEMO_CLIENT_ID)
                    .cli("poe.client-secret", SimulatorSettings.DEMO_CLIENT_SECRET)
                    .cli("poe.contact", SimulatedApi.CONTACT)
                    .build();
            PoeRiverFetcherFactory factory = PoeRiverFetcherFactory.fromConfig(config);
            String start = factory.resolveStart("pc", "beginning");
            CountingPoeMetrics metrics = new CountingPoeMetrics();
            List<RawPage> pages = new ArrayList<>();
            long t0 = System.nanoTime();
            try (RiverFetcher fetcher = factory.open("pc", start, metrics)) {
                while (pages.size() < PAGES) {
                    RawPage p = fetcher.poll(Duration.ofSeconds(1));
                    if (p != null && !p.isHead()) {
                        pages.add(p);
                    }
                    assertThat(System.nanoTime() - t0).as("time to read the river").isLessThan(85_000_000_000L);
                }
            }
            api.assertChain(pages, 0);
            SimulatorCounters c = api.server.counters();
            System.out.printf("StrictRiverIT: %d pages in %.1f s; simulator: %s; client: %s%n", pages.size(),
                    (System.nanoTime() - t0) / 1e9, c, metrics);
            assertThat(c.tooManyRequests()).as("429s").isZero();
            assertThat(c.userAgentViolations()).as("User-Agent violations").isZero();
            assertThat(c.authViolations()).as("auth violations").isZero();
            assertThat(c.basicAuthViolations()).isZero();
            assertThat(c.scopeViolations()).isZero();
            assertThat(c.clientErrors()).as("4xx").isZero();
            assertThat(c.tokensIssued()).isEqualTo(1);
            assertThat(c.faults()).as("faults injected").isPositive();
            assertThat(metrics.retries()).isGreaterThanOrEqualTo(c.faults503() + c.faults500() + c.faultsCut());
            // More than the 40 requests the 60 s window allows were needed: the long window was crossed.
            assertThat(c.riverRequests()).isGreaterThan(40);
            assertThat(metrics.rateLimitedCount()).isZero();
        }
    }
}
