package io.stashwatch.poe.river;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stashwatch.poe.PoeFatalException;
import io.stashwatch.poe.PoeRiverFetcherFactory;
import io.stashwatch.poe.PoeSettings;
import io.stashwatch.poe.RawPage;
import io.stashwatch.poe.RiverFetcher;
import io.stashwatch.poe.SimulatedApi;
import io.stashwatch.poe.metrics.CountingPoeMetrics;
import io.stashwatch.poe.ratelimit.RateWindow;
import io.stashwatch.simulator.server.SimulatorSettings;
import io.stashwatch.simulator.server.SyntheticRiverFeed;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;

/** The river fetcher against the simulator over real HTTP. */
class PipelinedRiverFetcherIT {
    static final SimulatorSettings.Builder LENIENT = SimulatorSettings.builder()
            .riverRule("client", "1000:1:1").pace(Duration.ZERO);

    @Test
    void readsTheRiverInOrderThenReportsTheHead() throws Exception {
        try (SimulatedApi api = SimulatedApi.start(LENIENT, new SyntheticRiverFeed(30, 40, 8))) {
            CountingPoeMetrics metrics = new CountingPoeMetrics();
            PoeRiverFetcherFactory factory = new PoeRiverFetcherFactory(api.client().pipelineDepth(3).build());
            try (RiverFetcher f = factory.open("pc", "", metrics)) {
                List<RawPage> pages = SimulatedApi.readUntilHead(f, Duration.ofSeconds(30));
                assertThat(pages).hasSize(30);
                api.assertChain(pages, 0);
                assertThat(pages.get(0).changeId()).isEmpty();
                assertThat(pages.get(0).wireBytes()).isLessThan(pages.get(0).body().length); // gzip on the wire
            }
            assertThat(metrics.pages()).isEqualTo(30);
            assertThat(metrics.headHits()).isEqualTo(1);
            assertThat(metrics.bytes()).isPositive();
            assertThat(api.server.counters().userAgentViolations()).isZero();
            assertThat(api.server.counters().tooManyRequests()).isZero();
            assertThat(api.server.counters().maxConcurrentRiverRequests()).isLessThanOrEqualTo(3);
        }
    }

    @Test
    void flinkMetricGroupAdapterWorks() throws Exception {
        try (SimulatedApi api = SimulatedApi.start(LENIENT, new SyntheticRiverFeed(3, 2, 2))) {
            PoeRiverFetcherFactory factory = new PoeRiverFetcherFactory(api.client().build());
            try (RiverFetcher f = factory.open("pc", api.feed.changeId(1), new UnregisteredMetricsGroup())) {
                List<RawPage> pages = SimulatedApi.readUntilHead(f, Duration.ofSeconds(10));
                api.assertChain(pages, 1);
            }
        }
    }

    @Test
    void survivesFaultsWithoutLosingOrder() throws Exception {
        try (SimulatedApi api = SimulatedApi.start(SimulatorSettings.builder().riverRule("client", "1000:1:1")
                .pace(Duration.ZERO).faultRate(0.3).faultSeed(11).slowDelay(Duration.ofMillis(300)),
                new SyntheticRiverFeed(40, 30, 8))) {
            CountingPoeMetrics metrics = new CountingPoeMetrics();
            try (RiverFetcher f = new PoeRiverFetcherFactory(api.client().build()).open("pc", "", metrics)) {
                List<RawPage> pages = SimulatedApi.readUntilHead(f, Duration.ofSeconds(60));
                assertThat(pages).hasSize(40);
                api.assertChain(pages, 0);
            }
            var c = api.server.counters();
            assertThat(c.faults503()).isPositive();
            assertThat(c.faults500()).isPositive();
            assertThat(c.faultsCut()).isPositive();
            assertThat(metrics.retries()).isGreaterThanOrEqualTo(c.faults503() + c.faults500() + c.faultsCut());
            assertThat(c.tooManyRequests()).isZero();
            assertThat(metrics.clientErrors()).isZero();
        }
    }

    @Test
    void plainBodiesWithoutGzipToo() throws Exception {
        try (SimulatedApi api = SimulatedApi.start(SimulatorSettings.builder().riverRule("client", "1000:1:1")
                .pace(Duration.ZERO).gzip(false), new SyntheticRiverFeed(5, 20, 5))) {
            try (RiverFetcher f = new PoeRiverFetcherFactory(api.client().build()).open("pc", "", new CountingPoeMetrics())) {
                List<RawPage> pages = SimulatedApi.readUntilHead(f, Duration.ofSeconds(20));
                api.assertChain(pages, 0);
                assertThat(pages.get(1).wireBytes()).isEqualTo(pages.get(1).body().length);
            }
        }
    }

    @Test
    void pipelineDepthBoundsTheRequestsInFlight() throws Exception {
        // Bodies of ~130 KB at 200 KB/s take about 0.65 s each: ample time for the next request to start.
        SimulatorSettings.Builder slowBodies = SimulatorSettings.builder().riverRule("client", "1000:1:1")
                .pace(Duration.ZERO).gzip(false).bytesPerSecond(200_000);
        try (SimulatedApi api = SimulatedApi.start(slowBodies, new SyntheticRiverFeed(6, 40, 10))) {
            try (RiverFetcher f = new PoeRiverFetcherFactory(api.client().pipelineDepth(1).build())
                    .open("pc", "", new CountingPoeMetrics())) {
                api.assertChain(SimulatedApi.readUntilHead(f, Duration.ofSeconds(30)), 0);
            }
            assertThat(api.server.counters().maxConcurrentRiverRequests()).isEqualTo(1);
        }
        try (SimulatedApi api = SimulatedApi.start(slowBodies, new SyntheticRiverFeed(6, 40, 10))) {
            try (RiverFetcher f = new PoeRiverFetcherFactory(api.client().pipelineDepth(3).build())
                    .open("pc", "", new CountingPoeMetrics())) {
                api.assertChain(SimulatedApi.readUntilHead(f, Duration.ofSeconds(30)), 0);
            }
            assertThat(api.server.counters().maxConcurrentRiverRequests()).isBetween(2, 3);
        }
    }

    @Test
    void theHeadIsPolledPolitelyAndNewPagesFollow() throws Exception {
        try (SimulatedApi api = SimulatedApi.start(SimulatorSettings.builder().riverRule("client", "1000:1:1")
                .backlog(2).pace(Duration.ofMillis(700)), new SyntheticRiverFeed(5, 2, 2))) {
            CountingPoeMetrics metrics = new CountingPoeMetrics();
            PoeSettings settings = api.client().headPollInterval(Duration.ofMillis(250)).build();
            List<RawPage> pages = new ArrayList<>();
            int heads = 0;
            long start = System.nanoTime();
            try (RiverFetcher f = new PoeRiverFetcherFactory(settings).open("pc", "", metrics)) {
                while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(20)) {
                    RawPage p = f.poll(Duration.ofMillis(100));
                    if (p == null) {
                        continue;
                    }
                    if (p.isHead()) {
                        heads++;
                        assertThat(p.changeId()).isEqualTo(pages.get(pages.size() - 1).nextChangeId());
                        if (pages.size() == 5 && heads >= 3) {
                            break;
                        }
                    } else {
                        pages.add(p);
                    }
                }
            }
            api.assertChain(pages, 0);
            assertThat(pages).hasSize(5);
            double seconds = (System.nanoTime() - start) / 1e9;
            // One head request per poll interval at most (plus the first after each page).
            assertThat(api.server.counters().headResponses()).isLessThanOrEqualTo((long) (seconds / 0.25) + 6);
            assertThat(metrics.headHits()).isEqualTo(heads);
        }
    }

    @Test
    void startPositions() throws Exception {
        try (SimulatedApi api = SimulatedApi.start(SimulatorSettings.builder().backlog(7).pace(Duration.ofHours(1)),
                new SyntheticRiverFeed(20, 1, 1))) {
            PoeRiverFetcherFactory factory = new PoeRiverFetcherFactory(api.client().build());
            assertThat(factory.resolveStart("pc", "head")).isEqualTo(api.feed.changeId(7));
            assertThat(factory.resolveStart("pc", "beginning")).isEmpty();
            assertThat(factory.resolveStart("pc", " 123-4-5-6-7 ")).isEqualTo("123-4-5-6-7");
            PoeRiverFetcherFactory unreachable = new PoeRiverFetcherFactory(
                    api.client().headUrl(URI.create("http://127.0.0.1:1/api/data/GetStats")).build());
            assertThatThrownBy(() -> unreachable.resolveStart("pc", "head"))
                    .isInstanceOf(PoeFatalException.class)
                    .hasMessageContaining("--poe.start-change-id")
                    .hasMessageContaining("http://127.0.0.1:1/api/data/GetStats");
        }
    }

    @Test
    void badCursorStopsWithAClearError() throws Exception {
        try (SimulatedApi api = SimulatedApi.start(LENIENT, new SyntheticRiverFeed(5, 1, 1))) {
            try (RiverFetcher f = new PoeRiverFetcherFactory(api.client().build()).open("pc", "999-1-2-3-4",
                    new CountingPoeMetrics())) {
                assertThatThrownBy(() -> SimulatedApi.readUntilHead(f, Duration.ofSeconds(10)))
                        .isInstanceOf(PoeFatalException.class)
                        .hasMessageContaining("999-1-2-3-4")
                        .hasMessageContaining("code 2")
                        .hasMessageContaining("--poe.start-change-id");
                // It stays failed, and does not retry.
                assertThatThrownBy(() -> f.poll(Duration.ofMillis(10))).isInstanceOf(PoeFatalException.class);
            }
            assertThat(api.server.counters().badCursors()).isEqualTo(1);
        }
    }

    @Test
    void credentialsProblemsAreFatalAndNeverShowTheSecret() throws Exception {
        try (SimulatedApi api = SimulatedApi.start(LENIENT, new SyntheticRiverFeed(5, 1, 1))) {
            String secret = "wrong-secret-d41d8cd98f";
            PoeSettings wrong = api.client().clientSecret(secret).build();
            try (RiverFetcher f = new PoeRiverFetcherFactory(wrong).open("pc", "", new CountingPoeMetrics())) {
                assertThatThrownBy(() -> SimulatedApi.readUntilHead(f, Duration.ofSeconds(10)))
                        .isInstanceOf(PoeFatalException.class)
                        .hasMessageContaining("invalid_client")
                        .hasMessageContaining("poe.client-secret")
                        .hasMessageNotContaining(secret);
            }
            assertThat(api.server.counters().authViolations()).isEqualTo(1);
            assertThat(api.server.counters().basicAuthViolations()).isZero();
        }
    }

    @Test
    void scopeTheApplicationLacksIsFatal() throws Exception {
        try (SimulatedApi api = SimulatedApi.start(SimulatorSettings.builder()
                .grantableScopes(java.util.Set.of("service:psapi")), new SyntheticRiverFeed(5, 1, 1))) {
            PoeSettings withCx = api.client().scope(PoeSettings.SCOPE_CXAPI).build();
            try (RiverFetcher f = new PoeRiverFetcherFactory(withCx).open("pc", "", new CountingPoeMetrics())) {
                assertThatThrownBy(() -> SimulatedApi.readUntilHead(f, Duration.ofSeconds(10)))
                        .isInstanceOf(PoeFatalException.class)
                        .hasMessageContaining("invalid_scope")
                        .hasMessageContaining("poe.currency-exchange");
            }
        }
    }

    @Test
    void aRevokedTokenIsReplacedOnceAndARefusedOneStops() throws Exception {
        try (SimulatedApi api = SimulatedApi.start(LENIENT, new SyntheticRiverFeed(6, 1, 1))) {
            try (RiverFetcher f = new PoeRiverFetcherFactory(api.client().build()).open("pc", "", new CountingPoeMetrics())) {
                assertThat(SimulatedApi.readUntilHead(f, Duration.ofSeconds(10))).hasSize(6);
                api.server.revokeTokens();
                RawPage head = f.poll(Duration.ofSeconds(5));
                assertThat(head).isNotNull();
                assertThat(head.isHead()).isTrue();
                assertThat(api.server.counters().tokensIssued()).isEqualTo(2);

                api.server.refuseTokens(true);
                assertThatThrownBy(() -> {
                    for (int i = 0; i < 50; i++) {
                        f.poll(Duration.ofMillis(200));
                    }
                }).isInstanceOf(PoeFatalException.class).hasMessageContaining("401").hasMessageContaining("revoked");
            }
        }
    }

    @Test
    void closeInterruptsRequestsInFlightPromptly() throws Exception {
        try (SimulatedApi api = SimulatedApi.start(SimulatorSettings.builder().latency(Duration.ofSeconds(30)),
                new SyntheticRiverFeed(5, 1, 1))) {
            RiverFetcher f = new PoeRiverFetcherFactory(api.client().requestTimeout(Duration.ofSeconds(60)).build())
                    .open("pc", "", new CountingPoeMetrics());
            CompletableFuture<RawPage> polled = CompletableFuture.supplyAsync(() -> {
                try {
                    return f.poll(Duration.ofSeconds(60));
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            Thread.sleep(500);
            long t0 = System.nanoTime();
            f.close();
            assertThat(polled.get(5, TimeUnit.SECONDS)).isNull();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(3000);
            assertThat(f.poll(Duration.ofMillis(1))).isNull();
        }
    }

    @Test
    void limitsAreFollowedWhenTheyChangeAndWithSeveralRules() throws Exception {
        SimulatorSettings.Builder strict = SimulatorSettings.builder().riverRule("client", "6:2:10")
                .addRiverRule("Ip", "10:4:20").pace(Duration.ZERO);
        try (SimulatedApi api = SimulatedApi.start(strict, new SyntheticRiverFeed(24, 2, 2))) {
            PoeSettings settings = api.client().build();
            List<RawPage> pages = new ArrayList<>();
            try (RiverFetcher f = new PoeRiverFetcherFactory(settings).open("pc", "", new CountingPoeMetrics())) {
                while (pages.size() < 12) {
                    RawPage p = f.poll(Duration.ofSeconds(10));
                    assertThat(p).isNotNull();
                    pages.add(p);
                }
                // Stop consuming: the fetcher stops once its buffer is full. Let every window drain, then tighten.
                Thread.sleep(4500);
                Map<String, List<RateWindow>> tighter = new LinkedHashMap<>();
                tighter.put("client", RateWindow.parseList("3:2:10"));
                tighter.put("Ip", RateWindow.parseList("5:4:20"));
                api.server.riverRules(tighter);
                pages.addAll(SimulatedApi.readUntilHead(f, Duration.ofSeconds(60)));
                var limiter = io.stashwatch.poe.PoeApi.shared(settings).http().limiters()
                        .forPolicy(SimulatorSettings.RIVER_POLICY);
                assertThat(limiter.limits()).isEqualTo(tighter.entrySet().stream().collect(
                        java.util.stream.Collectors.toMap(e -> e.getKey().toLowerCase(), Map.Entry::getValue)));
            }
            api.assertChain(pages, 0);
            assertThat(pages).hasSize(24);
            assertThat(api.server.counters().tooManyRequests()).isZero();
        }
    }

    /**
     * Page 3 is first served cut short (no closing brace) and then, when fetched again, names another
     * next id than the one already followed: the fetcher must drop what it pipelined and follow the new id.
     */
    static final class ForkingFeed implements io.stashwatch.simulator.RiverFeed {
        final SyntheticRiverFeed base = new SyntheticRiverFeed(8, 40, 10);
        final long forkAt = 3;
        final String alias = "9" + base.changeId(forkAt + 1);
        final java.util.concurrent.atomic.AtomicInteger servedFork = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public long pageCount() {
            return base.pageCount();
        }

        @Override
        public String changeId(long index) {
            return base.changeId(index);
        }

        @Override
        public java.util.OptionalLong indexOf(String changeId) {
            return changeId.equals(alias) ? java.util.OptionalLong.of(forkAt + 1) : base.indexOf(changeId);
        }

        @Override
        public byte[] pageJson(long index) {
            byte[] page = base.pageJson(index);
            if (index != forkAt) {
                return page;
            }
            if (servedFork.incrementAndGet() == 1) {
                return java.util.Arrays.copyOf(page, page.length - 100);
            }
            String text = new String(page, java.nio.charset.StandardCharsets.UTF_8);
            return text.replaceFirst(java.util.regex.Pattern.quote(base.changeId(forkAt + 1)), alias)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }

        @Override
        public List<String> leagues() {
            return base.leagues();
        }

        @Override
        public byte[] currencyExchangeJson(long hour) {
            return base.currencyExchangeJson(hour);
        }
    }

    @Test
    void aRefetchedPageThatNamesAnotherNextIdRedirectsTheChain() throws Exception {
        ForkingFeed feed = new ForkingFeed();
        SimulatorSettings settings = SimulatorSettings.builder().riverRule("client", "1000:1:1").pace(Duration.ZERO)
                .gzip(false).bytesPerSecond(600_000).build();
        try (io.stashwatch.simulator.server.SimulatorServer server =
                new io.stashwatch.simulator.server.SimulatorServer(settings, feed).start()) {
            PoeSettings client = PoeSettings.builder()
                    .apiUrl(URI.create(server.baseUrl())).tokenUrl(URI.create(server.tokenUrl()))
                    .clientId(SimulatorSettings.DEMO_CLIENT_ID).clientSecret(SimulatorSettings.DEMO_CLIENT_SECRET)
                    .contact(SimulatedApi.CONTACT).pipelineDepth(3).backoff(Duration.ofMillis(20), Duration.ofMillis(100))
                    .build();
            CountingPoeMetrics metrics = new CountingPoeMetrics();
            List<RawPage> pages;
            try (RiverFetcher f = new PoeRiverFetcherFactory(client).open("pc", "", metrics)) {
                pages = SimulatedApi.readUntilHead(f, Duration.ofSeconds(30));
            }
            assertThat(pages).hasSize(8);
            for (int i = 1; i < pages.size(); i++) {
                assertThat(pages.get(i).changeId()).isEqualTo(pages.get(i - 1).nextChangeId());
            }
            assertThat(pages.get(3).nextChangeId()).isEqualTo(feed.alias);
            assertThat(pages.get(4).changeId()).isEqualTo(feed.alias);
            assertThat(pages.get(4).body()).isEqualTo(feed.base.pageJson(4));
            assertThat(feed.servedFork.get()).isEqualTo(2);
            assertThat(metrics.retries()).isEqualTo(1);
            // The request pipelined for the abandoned id was sent (and dropped).
            assertThat(server.riverLog()).anyMatch(h -> feed.base.changeId(4).equals(h.changeId()));
        }
    }
}
